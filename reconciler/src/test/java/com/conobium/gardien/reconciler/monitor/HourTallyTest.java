package com.conobium.gardien.reconciler.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.state.CheckHour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourTallyTest {
  static final Instant TEN = Instant.parse("2026-11-03T10:00:00Z");
  static final Instant ELEVEN = Instant.parse("2026-11-03T11:00:00Z");

  static List<Observation> round(boolean sshOk, long sshMillis, boolean siteOk, long siteMillis) {
    return List.of(new Observation("ssh", sshOk, Duration.ofMillis(sshMillis), sshOk ? null : "refused"),
        new Observation("site shop", siteOk, Duration.ofMillis(siteMillis), siteOk ? null : "HTTP 502"));
  }

  @Test
  void anHourIsHandedOutWhenTheNextBeginsWithEachCheckAndTheRound() {
    HourTally tally = new HourTally("web1", 100);

    assertThat(tally.add(TEN.plusSeconds(60), round(true, 10, true, 30))).isEmpty();
    assertThat(tally.add(TEN.plusSeconds(120), round(false, 3, true, 50))).isEmpty();
    assertThat(tally.add(TEN.plusSeconds(180), round(false, 4, false, 20))).isEmpty();
    List<CheckHour> due = tally.add(ELEVEN.plusSeconds(1), round(true, 12, true, 40));

    assertThat(due).containsExactlyInAnyOrder(
        new CheckHour("web1", TEN, "ssh", 3, 2, 17, 10),
        new CheckHour("web1", TEN, "site shop", 3, 1, 100, 50),
        new CheckHour("web1", TEN, CheckHour.ROUND, 3, 2, 30 + 50 + 20, 50));
    assertThat(tally.drain()).containsExactlyInAnyOrder(
        new CheckHour("web1", ELEVEN, "ssh", 1, 0, 12, 12),
        new CheckHour("web1", ELEVEN, "site shop", 1, 0, 40, 40),
        new CheckHour("web1", ELEVEN, CheckHour.ROUND, 1, 0, 40, 40));
    assertThat(tally.drain()).as("drained once").isEmpty();
  }

  @Test
  void everyFlushRoundsThePartSoFarIsHandedOutAndThePartsAddUpToTheHour() {
    HourTally tally = new HourTally("web1", 2);

    assertThat(tally.add(TEN.plusSeconds(1), round(true, 10, true, 10))).isEmpty();
    List<CheckHour> first = tally.add(TEN.plusSeconds(2), round(true, 20, true, 20));
    assertThat(tally.add(TEN.plusSeconds(3), round(false, 30, true, 30))).isEmpty();
    List<CheckHour> rest = tally.drain();

    assertThat(first).contains(new CheckHour("web1", TEN, "ssh", 2, 0, 30, 20));
    assertThat(rest).contains(new CheckHour("web1", TEN, "ssh", 1, 1, 30, 30),
        new CheckHour("web1", TEN, CheckHour.ROUND, 1, 1, 30, 30));
  }

  @Test
  void aCheckAddedMidHourIsCountedFromItsFirstRound() {
    HourTally tally = new HourTally("web1", 100);
    tally.add(TEN, List.of(new Observation("ssh", true, Duration.ofMillis(5), null)));
    tally.add(TEN.plusSeconds(60), round(true, 5, true, 7));

    assertThat(tally.drain()).containsExactlyInAnyOrder(new CheckHour("web1", TEN, "ssh", 2, 0, 10, 5),
        new CheckHour("web1", TEN, "site shop", 1, 0, 7, 7), new CheckHour("web1", TEN, CheckHour.ROUND, 2, 0, 12, 7));
  }

  @Test
  void aPlannedRoundCountsOnlyAsPlanned() {
    HourTally tally = new HourTally("web1", 100);
    tally.add(TEN, List.of(new Observation("ssh", true, Duration.ofMillis(5), null)));
    tally.add(TEN.plusSeconds(60), List.of(new Observation("ssh", false, Duration.ofSeconds(10), "refused")), true);

    List<CheckHour> hours = tally.drain();
    assertThat(hours).extracting(CheckHour::check, CheckHour::rounds, CheckHour::failures).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("ssh", 1, 0), org.assertj.core.groups.Tuple.tuple(CheckHour.ROUND, 1, 0),
        org.assertj.core.groups.Tuple.tuple(CheckHour.PLANNED, 1, 1));
  }
}
