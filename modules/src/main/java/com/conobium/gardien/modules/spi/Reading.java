package com.conobium.gardien.modules.spi;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A number a module read from a server's facts, exported by the daemon as the gauge
 * {@code gardien_NAME} with the label {@code server} plus this reading's labels (e.g. when a site's
 * deployed certificate expires). Readings carry names and facts only, never a secret. The engine
 * passes them on without knowing what they mean.
 *
 * @param name the metric name without the {@code gardien_} prefix, e.g.
 *     {@code certificate_expiry_timestamp_seconds}; lower case, digits and underscores, not ending
 *     in a suffix Prometheus gives other metric types ({@code _total}, {@code _count}, …)
 * @param help what the number is, one sentence (the metric's help text)
 * @param labels label names (same pattern, never {@code server}) and values; every reading of one
 *     name must use the same label names
 * @param value the number
 */
public record Reading(String name, String help, Map<String, String> labels, double value) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern NOT_A_GAUGE = Pattern.compile(".*_(total|created|bucket|count|sum|info)");

  public Reading {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("reading name must match " + NAME + ": " + name);
    }
    if (NOT_A_GAUGE.matcher(name).matches()) {
      throw new IllegalArgumentException("reading " + name + " ends like a counter's or histogram's series: it is a gauge");
    }
    if (help == null || help.isBlank()) {
      throw new IllegalArgumentException("reading " + name + " needs a help text");
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!NAME.matcher(label.getKey()).matches() || label.getKey().equals("server")) {
        throw new IllegalArgumentException("reading " + name + ": label name must match " + NAME
            + " and not be server: " + label.getKey());
      }
      if (label.getValue() == null) {
        throw new IllegalArgumentException("reading " + name + ": label " + label.getKey() + " has no value");
      }
    }
    labels = Map.copyOf(new TreeMap<>(labels));
  }

  /** A reading without labels of its own. */
  public static Reading of(String name, String help, double value) {
    return new Reading(name, help, Map.of(), value);
  }
}
