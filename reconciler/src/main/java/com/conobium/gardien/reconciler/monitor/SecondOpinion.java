package com.conobium.gardien.reconciler.monitor;

import java.time.Duration;

/**
 * The owner's side of two vantage points: while a server fails here, the other replicas are asked
 * to look at it from where they stand; before its incident opens, what they saw is read.
 */
public interface SecondOpinion {
  /** One controller: no one to ask, every failure stands on its own. */
  SecondOpinion NONE = new SecondOpinion() {
    @Override
    public void ask(String server) {}

    @Override
    public void withdraw(String server) {}

    @Override
    public Opinion on(String server, Duration wait) {
      return Opinion.SINGLE;
    }
  };

  /** {@code server} failed a round here: the others are asked to look (again). */
  void ask(String server);

  /** {@code server} answers again here, or its incident opened: no more looks are needed. */
  void withdraw(String server);

  /** What the others saw of {@code server} since they were asked; they are waited for until {@code wait} after. */
  Opinion on(String server, Duration wait);
}
