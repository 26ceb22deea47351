package com.conobium.gardien.reconciler.maintenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The output of a maintenance script, cut at its marker lines {@code ::gardien:: NAME}: each
 * section is the text between its marker and the next. A name may repeat (one section per disk).
 * Pure.
 */
record Sections(List<Map.Entry<String, String>> all) {
  static final String MARKER = "::gardien:: ";

  static Sections parse(String output) {
    List<Map.Entry<String, String>> sections = new ArrayList<>();
    String name = null;
    StringBuilder text = new StringBuilder();
    for (String line : output.split("\n", -1)) {
      if (line.startsWith(MARKER)) {
        if (name != null) {
          sections.add(Map.entry(name, text.toString()));
        }
        name = line.substring(MARKER.length()).strip();
        text.setLength(0);
      } else if (name != null) {
        text.append(line).append('\n');
      }
    }
    if (name != null) {
      sections.add(Map.entry(name, text.toString()));
    }
    return new Sections(List.copyOf(sections));
  }

  /** The first section named exactly {@code name}. */
  Optional<String> get(String name) {
    return all.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
  }

  /** The first section named {@code name}, or empty text. */
  String text(String name) {
    return get(name).orElse("");
  }

  /** Whether a section named {@code name} is there. */
  boolean has(String name) {
    return get(name).isPresent();
  }

  /** Every section whose name starts with {@code prefix + " "}, by the rest of its name, in order. */
  Map<String, String> withPrefix(String prefix) {
    Map<String, String> found = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : all) {
      if (e.getKey().startsWith(prefix + " ")) {
        found.put(e.getKey().substring(prefix.length() + 1), e.getValue());
      }
    }
    return found;
  }
}
