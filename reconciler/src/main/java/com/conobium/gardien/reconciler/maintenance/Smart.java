package com.conobium.gardien.reconciler.maintenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code smart}: each physical disk's SMART health and key attributes, read from {@code smartctl
 * -j} (its JSON output): the overall assessment, reallocated (5), pending (197) and offline
 * uncorrectable (198) sectors of ATA disks, the wear of SSDs (the normalised value of 177, 231 or
 * 233) and of NVMe drives ({@code percentage_used}, media errors, critical warning). A failed
 * assessment, pending or uncorrectable sectors, media errors or a critical warning fail; reallocated
 * sectors or wear past 80 % warn. Not applicable on a virtual machine or a container.
 */
final class Smart extends ScriptOperation {
  static final String NAME = "smart";
  private static final ObjectMapper JSON = new ObjectMapper();

  Smart() {
    super(NAME, "smart.sh");
  }

  @Override
  public OperationResult judge(String output, MaintenanceContext context) {
    Sections s = Sections.parse(output);
    String virt = s.text("virt").strip();
    if (!virt.isEmpty() && !virt.equals("none")) {
      return OperationResult.notApplicable(NAME, Raid.virtualReason(virt));
    }
    if (s.has("missing")) {
      return OperationResult.warning(NAME, "smartctl is not installed (Debian package smartmontools)", null);
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    ArrayNode disks = details.putArray("disks");
    List<String> failures = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Map.Entry<String, String> e : s.withPrefix("disk").entrySet()) {
      String device = e.getKey().split(" ")[0];
      Disk disk = Disk.read(device, e.getValue());
      disks.add(disk.json());
      failures.addAll(disk.failures());
      warnings.addAll(disk.warnings());
    }
    if (disks.isEmpty()) {
      return OperationResult.warning(NAME, "smartctl found no disk to read", details);
    }
    if (!failures.isEmpty()) {
      return OperationResult.failed(NAME, String.join("; ", failures), details);
    }
    if (!warnings.isEmpty()) {
      return OperationResult.warning(NAME, String.join("; ", warnings), details);
    }
    return OperationResult.ok(NAME, disks.size() + " disk(s) healthy", details);
  }

  /** One disk's reading. Pure. */
  record Disk(String device, String model, Boolean passed, long reallocated, long pending, long uncorrectable,
      Integer wearPercent, long mediaErrors, int criticalWarning, String error) {

    static Disk read(String device, String text) {
      JsonNode root;
      try {
        root = JSON.readTree(text.substring(Math.max(0, text.indexOf('{'))));
      } catch (JsonProcessingException | StringIndexOutOfBoundsException e) {
        return new Disk(device, null, null, 0, 0, 0, null, 0, 0, "smartctl's output is not JSON: "
            + text.strip().lines().findFirst().orElse(""));
      }
      String model = root.path("model_name").asText(null);
      JsonNode status = root.path("smart_status").path("passed");
      Boolean passed = status.isBoolean() ? status.asBoolean() : null;
      long reallocated = 0;
      long pending = 0;
      long uncorrectable = 0;
      Integer wear = null;
      for (JsonNode attr : root.path("ata_smart_attributes").path("table")) {
        long raw = attr.path("raw").path("value").asLong();
        switch (attr.path("id").asInt()) {
          case 5 -> reallocated = raw;
          case 197 -> pending = raw;
          case 198 -> uncorrectable = raw;
          case 177, 231, 233 -> wear = Math.max(wear == null ? 0 : wear, 100 - attr.path("value").asInt(100));
          default -> { }
        }
      }
      JsonNode nvme = root.path("nvme_smart_health_information_log");
      long media = nvme.path("media_errors").asLong(0);
      int critical = nvme.path("critical_warning").asInt(0);
      if (nvme.has("percentage_used")) {
        wear = nvme.path("percentage_used").asInt();
      }
      String error = null;
      if (passed == null) {
        error = root.path("smartctl").path("messages").path(0).path("string").asText("no SMART assessment");
      }
      return new Disk(device, model, passed, reallocated, pending, uncorrectable, wear, media, critical, error);
    }

    List<String> failures() {
      List<String> f = new ArrayList<>();
      String name = device + (model != null ? " (" + model + ")" : "");
      if (Boolean.FALSE.equals(passed)) {
        f.add(name + ": SMART overall-health assessment FAILED");
      }
      if (pending > 0) {
        f.add(name + ": " + pending + " pending sector(s)");
      }
      if (uncorrectable > 0) {
        f.add(name + ": " + uncorrectable + " uncorrectable sector(s)");
      }
      if (mediaErrors > 0) {
        f.add(name + ": " + mediaErrors + " media error(s)");
      }
      if (criticalWarning != 0) {
        f.add(name + ": NVMe critical warning 0x" + Integer.toHexString(criticalWarning));
      }
      return f;
    }

    List<String> warnings() {
      List<String> w = new ArrayList<>();
      String name = device + (model != null ? " (" + model + ")" : "");
      if (error != null) {
        w.add(name + ": " + error);
      }
      if (reallocated > 0) {
        w.add(name + ": " + reallocated + " reallocated sector(s)");
      }
      if (wearPercent != null && wearPercent >= 80) {
        w.add(name + ": " + wearPercent + " % of its rated wear used");
      }
      return w;
    }

    ObjectNode json() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("device", device);
      o.put("model", model);
      if (passed != null) {
        o.put("passed", passed);
      }
      o.put("reallocatedSectors", reallocated);
      o.put("pendingSectors", pending);
      o.put("uncorrectableSectors", uncorrectable);
      if (wearPercent != null) {
        o.put("wearPercent", wearPercent);
      }
      o.put("mediaErrors", mediaErrors);
      if (error != null) {
        o.put("error", error);
      }
      return o;
    }
  }
}
