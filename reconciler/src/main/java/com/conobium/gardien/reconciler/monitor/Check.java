package com.conobium.gardien.reconciler.monitor;

import java.time.Duration;

/** One way of seeing a server from outside, as a visitor does; never with credentials. */
interface Check {
  /** The check's name in metrics, mails and incidents, e.g. {@code ssh} or {@code site shop}. */
  String name();

  /** Looks once, giving up after {@code timeout}. Never throws: a failure is an observation. */
  Observation run(Duration timeout);
}
