package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RendezvousTest {
  static final List<String> SERVERS = IntStream.range(0, 3000).mapToObj(i -> "web" + i).toList();

  @Test
  void serversSpreadEvenlyOverTheReplicas() {
    Map<String, Integer> counts = count(List.of("r1", "r2", "r3"));
    assertThat(counts.keySet()).containsExactlyInAnyOrder("r1", "r2", "r3");
    counts.values().forEach(n -> assertThat(n).as(counts.toString()).isBetween(900, 1100));
  }

  @Test
  void aReplicaJoiningTakesOnlyTheServersItWinsAndOneLeavingGivesUpOnlyItsOwn() {
    List<String> three = List.of("r1", "r2", "r3");
    List<String> four = List.of("r1", "r2", "r3", "r4");
    int moved = 0;
    for (String server : SERVERS) {
      String before = Rendezvous.owner(server, three);
      String after = Rendezvous.owner(server, four);
      if (!before.equals(after)) {
        assertThat(after).as("a server only moves to the newcomer").isEqualTo("r4");
        moved++;
      }
      String withoutR2 = Rendezvous.owner(server, List.of("r1", "r3"));
      if (!before.equals("r2")) {
        assertThat(withoutR2).as("a server of a replica that stays does not move").isEqualTo(before);
      }
    }
    assertThat(moved).as("about a quarter").isBetween(650, 850);
  }

  @Test
  void everyReplicaAgreesWhateverTheOrderOfTheList() {
    for (String server : SERVERS.subList(0, 200)) {
      assertThat(Rendezvous.owner(server, List.of("b", "a", "c"))).isEqualTo(Rendezvous.owner(server, List.of("c", "b", "a")));
    }
    assertThat(Rendezvous.owner("web1", List.of())).isNull();
  }

  private static Map<String, Integer> count(List<String> replicas) {
    Map<String, Integer> counts = new HashMap<>();
    SERVERS.forEach(s -> counts.merge(Rendezvous.owner(s, replicas), 1, Integer::sum));
    return counts;
  }
}
