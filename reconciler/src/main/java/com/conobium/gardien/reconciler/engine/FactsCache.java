package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Target;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The last plan of each server, kept for a short while so that an apply right after a plan does
 * not probe the server again. Keyed by the whole target, so any change of the manifest misses.
 */
public final class FactsCache {
  private final Cache<Target, List<ModuleOutcome>> plans;

  public FactsCache(Duration timeToLive) {
    this.plans = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(10_000).build();
  }

  Optional<List<ModuleOutcome>> plan(Target target) {
    return Optional.ofNullable(plans.getIfPresent(target));
  }

  void put(Target target, List<ModuleOutcome> plan) {
    plans.put(target, plan);
  }

  /** Forgets what is known of a server, e.g. after changing it. */
  public void invalidate(Target target) {
    plans.invalidate(target);
  }
}
