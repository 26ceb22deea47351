package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.reconciler.state.Fence;
import java.util.Optional;

/**
 * Which servers this daemon replica looks after (reconciles, monitors, maintains). A lone daemon
 * owns every server; replicas sharing a PostgreSQL state database own theirs by lease
 * ({@link Membership}).
 */
public interface Ownership {
  /** Whether this replica may act on {@code server} now. */
  boolean owns(String server);

  /** What this replica's writes about {@code server} must prove; empty for a lone daemon. */
  Optional<Fence> fence(String server);

  /** This replica's id; empty for a lone daemon. */
  Optional<String> replica();

  /**
   * Whether this replica follows the Git branch: fetches it, validates each new revision and puts
   * the good ones in force for all. The others apply the revision in force it recorded. A lone
   * daemon follows the branch itself.
   */
  default boolean followsGit() {
    return true;
  }

  /** A lone daemon: every server is its own. */
  static Ownership everything() {
    return new Ownership() {
      @Override
      public boolean owns(String server) {
        return true;
      }

      @Override
      public Optional<Fence> fence(String server) {
        return Optional.empty();
      }

      @Override
      public Optional<String> replica() {
        return Optional.empty();
      }
    };
  }
}
