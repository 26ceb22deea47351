package com.conobium.gardien.reconciler.state;

import java.time.Duration;
import java.time.Instant;

/**
 * One hour of one check of a server, as the monitoring's history keeps it: counts, not rounds.
 *
 * @param server the server
 * @param hour the start of the hour (UTC)
 * @param check the check's name, or {@link #ROUND} for the server's rounds as a whole
 * @param rounds how many rounds ran in the hour
 * @param failures how many of them failed
 * @param tookMillisSum the response times added up, in milliseconds
 * @param tookMillisMax the longest response time, in milliseconds
 */
public record CheckHour(String server, Instant hour, String check, int rounds, int failures, long tookMillisSum,
    int tookMillisMax) {
  /** The name standing for the server's round: failed when any of its checks failed. */
  public static final String ROUND = "*";
  /**
   * The name standing for the server's rounds that failed while its maintenance ran (a planned
   * reboot): counted apart, never in {@link #ROUND}, so they do not lower its availability.
   */
  public static final String PLANNED = "~planned";

  /** The average response time, zero when no round ran. */
  public Duration averageTook() {
    return rounds == 0 ? Duration.ZERO : Duration.ofMillis(tookMillisSum / rounds);
  }
}
