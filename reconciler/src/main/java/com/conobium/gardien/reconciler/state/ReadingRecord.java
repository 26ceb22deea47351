package com.conobium.gardien.reconciler.state;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One reading of one server at one time, as the state database keeps it.
 *
 * @param server the server
 * @param name the reading's name, e.g. {@code certificate_expiry_timestamp_seconds}
 * @param labels its labels (never {@code server}), e.g. {@code site=shop}
 * @param taken when the run that read it finished
 * @param value the number
 */
public record ReadingRecord(String server, String name, SortedMap<String, String> labels, Instant taken, double value) {
  public ReadingRecord {
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }

  public ReadingRecord(String server, String name, Map<String, String> labels, Instant taken, double value) {
    this(server, name, new TreeMap<>(labels), taken, value);
  }

  /** The labels as stored: {@code k=v} pairs sorted by name, joined by commas. */
  String labelText() {
    return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  /** Labels as {@link #labelText} wrote them. */
  static SortedMap<String, String> parseLabels(String text) {
    SortedMap<String, String> labels = new TreeMap<>();
    if (!text.isEmpty()) {
      for (String pair : text.split(",")) {
        int eq = pair.indexOf('=');
        labels.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return labels;
  }
}
