package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwoLanesTest {
  final ExecutorService helper = Executors.newSingleThreadExecutor();
  final TwoLanes lanes = new TwoLanes(helper);

  @AfterEach
  void stop() {
    helper.shutdownNow();
  }

  @Test
  void resultsKeepTheItemsOrder() {
    List<Integer> items = IntStream.range(0, 50).boxed().toList();

    assertThat(lanes.map(items, i -> "#" + i)).isEqualTo(items.stream().map(i -> "#" + i).toList());
  }

  @Test
  void aSlowItemDoesNotHoldTheOthersBack() throws Exception {
    CountDownLatch othersDone = new CountDownLatch(3);
    Set<String> threads = ConcurrentHashMap.newKeySet();

    List<String> mapped = lanes.map(List.of(0, 1, 2, 3), i -> {
      threads.add(Thread.currentThread().getName());
      if (i == 0) {
        try {
          // the first item ends only once the three others have: they ran on the other lane
          assertThat(othersDone.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      } else {
        othersDone.countDown();
      }
      return "m" + i;
    });

    assertThat(mapped).containsExactly("m0", "m1", "m2", "m3");
    assertThat(threads).hasSize(2);
  }

  @Test
  void theEarliestItemsFailureIsThrownOnceBothLanesEnded() {
    Set<Integer> done = ConcurrentHashMap.newKeySet();

    assertThatThrownBy(() -> lanes.map(List.of(0, 1, 2, 3, 4), i -> {
      if (i == 1 || i == 3) {
        throw new IllegalArgumentException("item " + i);
      }
      done.add(i);
      return i;
    })).hasMessage("item 1");
    assertThat(done).containsExactlyInAnyOrder(0, 2, 4);
  }

  @Test
  void oneItemNeedsNoHelper() {
    ExecutorService none = Executors.newSingleThreadExecutor();
    none.shutdown(); // it would refuse any task

    assertThat(new TwoLanes(none).map(List.of("only"), s -> s + "!")).containsExactly("only!");
  }
}
