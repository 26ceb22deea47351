package com.conobium.gardien.reconciler.maintenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code raid}: the software RAID of a bare-metal server ({@code /proc/mdstat}, {@code mdadm
 * --detail}). A degraded or rebuilding array fails, naming the disk; bare metal without any
 * redundant array fails too (the offer requires RAID); a virtual machine or a container is not
 * applicable, as {@code systemd-detect-virt} tells.
 */
final class Raid extends ScriptOperation {
  static final String NAME = "raid";

  Raid() {
    super(NAME, "raid.sh");
  }

  /** The reason an operation on disks does not apply, when {@code virt} (systemd-detect-virt's answer) is not {@code none}. */
  static String virtualReason(String virt) {
    return "not bare metal: systemd-detect-virt says " + virt;
  }

  @Override
  public OperationResult judge(String output, MaintenanceContext context) {
    Sections s = Sections.parse(output);
    String virt = s.text("virt").strip();
    if (!virt.isEmpty() && !virt.equals("none")) {
      return OperationResult.notApplicable(NAME, virtualReason(virt));
    }
    List<MdStat.Array> arrays = MdStat.parse(s.text("mdstat"));
    Map<String, String> details = s.withPrefix("detail");
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    ArrayNode list = result.putArray("arrays");
    List<String> problems = new ArrayList<>();
    for (MdStat.Array a : arrays) {
      ObjectNode o = list.addObject();
      o.put("name", a.name());
      o.put("level", a.level());
      o.put("state", a.map() == null ? (a.active() ? "active" : "inactive") : a.map());
      o.set("members", Upgrades.strings(a.members()));
      if (a.progress() != null) {
        o.put("progress", a.progress());
      }
      List<String> missing = new ArrayList<>(a.failed().stream().map(d -> d + " failed").toList());
      MdStat.missing(details.getOrDefault(a.name(), "")).stream()
          .filter(m -> missing.stream().noneMatch(x -> x.startsWith(m.split(" ")[0].replace("/dev/", ""))))
          .forEach(missing::add);
      if (a.redundant() && a.degraded()) {
        o.set("problems", Upgrades.strings(missing));
        problems.add(a.name() + " degraded [" + a.map() + "]" + (missing.isEmpty() ? "" : ": " + String.join(", ", missing))
            + (a.progress() != null ? " (" + a.progress() + ")" : ""));
      } else if (a.redundant() && a.progress() != null) {
        problems.add(a.name() + " rebuilding (" + a.progress() + ")");
      }
    }
    if (!problems.isEmpty()) {
      return OperationResult.failed(NAME, String.join("; ", problems), result);
    }
    if (arrays.stream().noneMatch(MdStat.Array::redundant)) {
      return OperationResult.failed(NAME, "bare metal without software RAID (the offer requires a redundant array)", result);
    }
    return OperationResult.ok(NAME, arrays.size() + " array(s) in sync", result);
  }
}
