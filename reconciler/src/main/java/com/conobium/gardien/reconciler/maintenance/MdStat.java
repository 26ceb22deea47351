package com.conobium.gardien.reconciler.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arrays of {@code /proc/mdstat} (the kernel's md driver, {@code md_seq_show}): name, state,
 * level, members (a member marked {@code (F)} failed, {@code (S)} a spare), the {@code [n/m]}
 * count of devices and {@code [UU_]} map, and a running recovery, resync or reshape. Pure.
 */
final class MdStat {
  private static final Pattern ARRAY = Pattern.compile("^(md\\S*) : (active|inactive)(?: \\([^)]*\\))?(?: (raid\\d+|linear|multipath|faulty))?(.*)$");
  private static final Pattern MEMBER = Pattern.compile("(\\S+?)\\[\\d+\\](\\([A-Z]\\))*");
  private static final Pattern COUNT = Pattern.compile("\\[(\\d+)/(\\d+)\\] \\[([U_]+)\\]");
  private static final Pattern PROGRESS = Pattern.compile("(recovery|resync|reshape|check|repair)\\s*=\\s*([0-9.]+%)");

  /**
   * One array.
   *
   * @param failed members marked failed ({@code (F)})
   * @param devices how many members the array should have; 0 when not shown (raid0, linear)
   * @param working how many are in sync
   * @param progress e.g. {@code recovery 8.5%}; null when none runs
   */
  record Array(String name, boolean active, String level, List<String> members, List<String> failed,
      int devices, int working, String map, String progress) {
    boolean redundant() {
      return level != null && level.matches("raid(1|4|5|6|10)");
    }

    boolean degraded() {
      return !active || working < devices || failed.size() > 0 || (map != null && map.contains("_"));
    }
  }

  private MdStat() {}

  static List<Array> parse(String text) {
    List<Array> arrays = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher a = ARRAY.matcher(lines.get(i));
      if (!a.matches()) {
        continue;
      }
      List<String> members = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      Matcher m = MEMBER.matcher(a.group(4));
      while (m.find()) {
        members.add(m.group(1));
        if (m.group(0).contains("(F)")) {
          failed.add(m.group(1));
        }
      }
      int devices = 0;
      int working = 0;
      String map = null;
      String progress = null;
      for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank() && !ARRAY.matcher(lines.get(j)).matches(); j++) {
        Matcher c = COUNT.matcher(lines.get(j));
        if (c.find()) {
          devices = Integer.parseInt(c.group(1));
          working = Integer.parseInt(c.group(2));
          map = c.group(3);
        }
        Matcher p = PROGRESS.matcher(lines.get(j));
        if (p.find()) {
          progress = p.group(1) + " " + p.group(2);
        } else if (lines.get(j).contains("resync=DELAYED") || lines.get(j).contains("recovery=DELAYED")) {
          progress = "delayed";
        }
      }
      arrays.add(new Array(a.group(1), a.group(2).equals("active"), a.group(3), members, failed,
          devices, working, map, progress));
    }
    return arrays;
  }

  /** The devices {@code mdadm --detail} lists as faulty or removed, e.g. {@code /dev/sdb2 faulty}, {@code slot 1 removed}. */
  static List<String> missing(String detail) {
    List<String> found = new ArrayList<>();
    for (String line : detail.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 5 && line.contains("removed")) {
        found.add("slot " + f[3] + " removed");
      } else if (f.length >= 5 && line.contains("faulty")) {
        found.add(f[f.length - 1] + " faulty");
      }
    }
    return found;
  }
}
