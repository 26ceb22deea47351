package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.reconciler.state.SecondLookStore;
import com.conobium.gardien.reconciler.state.StateException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SecondOpinion} through the shared state database: requests and looks are rows every
 * replica reads ({@link SecondLookStore}); the live replicas are the membership's. A database that
 * cannot be read leaves the failure standing alone: better an alert from one vantage point than
 * none.
 */
public final class SharedSecondOpinion implements SecondOpinion {
  private static final Logger log = LoggerFactory.getLogger(SharedSecondOpinion.class);

  private final SecondLookStore store;
  private final String replica;
  private final Supplier<List<String>> live;

  /**
   * @param replica this replica's id
   * @param live the replicas alive now, this one included
   */
  public SharedSecondOpinion(SecondLookStore store, String replica, Supplier<List<String>> live) {
    this.store = store;
    this.replica = replica;
    this.live = live;
  }

  @Override
  public void ask(String server) {
    try {
      store.ask(server, replica);
    } catch (StateException e) {
      log.atWarn().addKeyValue("server", server).addKeyValue("error", e.getMessage())
          .log("second look not asked for");
    }
  }

  @Override
  public void withdraw(String server) {
    try {
      store.withdraw(server);
    } catch (StateException e) {
      log.atWarn().addKeyValue("server", server).addKeyValue("error", e.getMessage())
          .log("second look not withdrawn: it runs out by itself");
    }
  }

  @Override
  public Opinion on(String server, Duration wait) {
    try {
      SecondLookStore.Looks looks = store.looks(server);
      if (looks.request().isEmpty() || !looks.request().get().askedBy().equals(replica)) {
        store.ask(server, replica); // not asked yet (a database hiccup): ask now, and wait for the looks
        return Opinion.judge(replica, live.get(), looks.now(), List.of(), looks.now(), wait);
      }
      return Opinion.judge(replica, live.get(), looks.request().get().asked(), looks.looks(), looks.now(), wait);
    } catch (StateException e) {
      log.atWarn().addKeyValue("server", server).addKeyValue("error", e.getMessage())
          .log("the other replicas' looks not read: the failure stands alone");
      return new Opinion(Opinion.Kind.UNANSWERED, List.of(replica), List.of());
    }
  }
}
