package com.conobium.gardien.reconciler.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of {@code apt-get -s} (a simulation) that name a package: {@code Inst NAME [OLD] (NEW
 * …)}, {@code Remv NAME [OLD]}, {@code Purg NAME [OLD]}. Pure.
 */
final class AptSimulation {
  private static final Pattern LINE =
      Pattern.compile("^(Inst|Remv|Purg) (\\S+)(?: \\[([^\\]]+)\\])?(?: \\((\\S+))?.*$");

  /**
   * One package apt would touch.
   *
   * @param action {@code Inst}, {@code Remv} or {@code Purg}
   * @param from the installed version; null for a new package
   * @param to the version installed; null for a removal
   */
  record Step(String action, String name, String from, String to) {
    boolean installs() {
      return action.equals("Inst");
    }
  }

  private AptSimulation() {}

  static List<Step> parse(String text) {
    List<Step> steps = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line.strip());
      if (m.matches()) {
        steps.add(new Step(m.group(1), m.group(2), m.group(3), m.group(1).equals("Inst") ? m.group(4) : null));
      }
    }
    return steps;
  }

  /** The {@code status N} line of a section: N, or -1 when there is none. */
  static int status(String section) {
    Matcher m = Pattern.compile("(?m)^status (\\d+)$").matcher(section);
    int found = -1;
    while (m.find()) {
      found = Integer.parseInt(m.group(1));
    }
    return found;
  }

  /** The lines of a section that are apt's errors and warnings ({@code E:} and {@code W:}). */
  static List<String> messages(String section) {
    return section.lines().filter(l -> l.startsWith("E:") || l.startsWith("W:")).toList();
  }
}
