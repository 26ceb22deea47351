package com.conobium.gardien.reconciler.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code diskSpace}: used space and inodes of every real mount ({@code df}, pseudo file systems
 * left out), as percentages rounded up the way {@code df} shows them; from the manifest's warning
 * threshold (default 80 %) a mount warns, from its failure threshold (90 %) it fails. Each mount's
 * growth since the last maintenance is given in percentage points.
 */
final class DiskSpace extends ScriptOperation {
  static final String NAME = "diskSpace";

  DiskSpace() {
    super(NAME, "diskspace.sh");
  }

  /** Each mount's used percentage in an earlier result's details, for the next month's growth. */
  static Map<String, Integer> usedPercents(JsonNode details) {
    Map<String, Integer> used = new HashMap<>();
    for (JsonNode m : details.path("mounts")) {
      used.put(m.path("mount").asText(), m.path("usedPercent").asInt());
    }
    return used;
  }

  @Override
  public OperationResult judge(String output, MaintenanceContext context) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    ArrayNode mounts = details.putArray("mounts");
    details.put("warningPercent", context.diskWarningPercent());
    details.put("failurePercent", context.diskFailurePercent());
    List<String> failed = new ArrayList<>();
    List<String> warned = new ArrayList<>();
    for (String line : Sections.parse(output).text("df").lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 7) {
        continue;
      }
      int n = f.length;
      String mount = String.join(" ", java.util.Arrays.copyOfRange(f, 0, n - 6));
      long size;
      long used;
      long avail;
      long inodes;
      long inodesUsed;
      try {
        size = Long.parseLong(f[n - 5]);
        used = Long.parseLong(f[n - 4]);
        avail = Long.parseLong(f[n - 3]);
        inodes = f[n - 2].equals("-") ? 0 : Long.parseLong(f[n - 2]);
        inodesUsed = f[n - 1].equals("-") ? 0 : Long.parseLong(f[n - 1]);
      } catch (NumberFormatException e) {
        continue;
      }
      if (size == 0) {
        continue;
      }
      int percent = percent(used, used + avail);
      int inodePercent = inodes > 0 ? percent(inodesUsed, inodes) : 0;
      ObjectNode m = mounts.addObject();
      m.put("mount", mount);
      m.put("type", f[n - 6]);
      m.put("sizeBytes", size);
      m.put("usedBytes", used);
      m.put("usedPercent", percent);
      if (inodes > 0) {
        m.put("inodesUsedPercent", inodePercent);
      }
      Integer before = context.previousDiskUse().get(mount);
      if (before != null) {
        m.put("previousPercent", before);
        m.put("growthPoints", percent - before);
      }
      int worst = Math.max(percent, inodePercent);
      String what = mount + " " + (percent >= inodePercent ? percent + " % used" : inodePercent + " % of inodes used");
      if (worst >= context.diskFailurePercent()) {
        failed.add(what);
      } else if (worst >= context.diskWarningPercent()) {
        warned.add(what);
      }
    }
    if (mounts.isEmpty()) {
      return OperationResult.warning(NAME, "df listed no mount", details);
    }
    if (!failed.isEmpty()) {
      return OperationResult.failed(NAME, String.join(", ", failed) + " (failure from " + context.diskFailurePercent()
          + " %)", details);
    }
    if (!warned.isEmpty()) {
      return OperationResult.warning(NAME, String.join(", ", warned) + " (warning from " + context.diskWarningPercent()
          + " %)", details);
    }
    int most = 0;
    for (JsonNode m : mounts) {
      most = Math.max(most, m.path("usedPercent").asInt());
    }
    return OperationResult.ok(NAME, mounts.size() + " mount(s), the fullest " + most + " % used", details);
  }

  /** {@code part} of {@code whole} in percent, rounded up as df does. */
  private static int percent(long part, long whole) {
    return whole <= 0 ? 0 : (int) ((part * 100 + whole - 1) / whole);
  }
}
