package com.conobium.gardien.reconciler.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Maps a list on two lanes, the caller's thread and one helper, each taking the next item when it
 * is free: the modules' desired states (a password's SHA-512 crypt, a certificate's key checked,
 * the state database opened for the secrets) are independent, and on two cores the slow ones need
 * not wait for each other. The results keep the items' order; the failure of the earliest item that
 * failed is thrown, once both lanes have ended.
 */
final class TwoLanes {
  private final Executor helper;

  TwoLanes(Executor helper) {
    this.helper = helper;
  }

  <T, R> List<R> map(List<T> items, Function<T, R> work) {
    int n = items.size();
    Object[] results = new Object[n];
    RuntimeException[] failures = new RuntimeException[n];
    AtomicInteger next = new AtomicInteger();
    Runnable lane = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        try {
          results[i] = work.apply(items.get(i));
        } catch (RuntimeException e) {
          failures[i] = e;
        }
      }
    };
    CompletableFuture<Void> second = n > 1 ? CompletableFuture.runAsync(lane, helper) : CompletableFuture.completedFuture(null);
    lane.run();
    second.join(); // the lane catches every RuntimeException: join only waits
    List<R> mapped = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (failures[i] != null) {
        throw failures[i];
      }
      @SuppressWarnings("unchecked")
      R r = (R) results[i];
      mapped.add(r);
    }
    return mapped;
  }
}
