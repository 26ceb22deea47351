package com.conobium.gardien.reconciler.report;

import com.conobium.gardien.reconciler.maintenance.OperationResult;
import com.conobium.gardien.reconciler.maintenance.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a maintenance operation did or found, said in the report's language. The maintenance
 * stores each result with a reason written in English for operators and its details as data; the
 * report says it again from the details where they say it all (what was upgraded, how full a disk
 * is, which port is open), and keeps the stored reason where they do not (an error's own text).
 */
final class OperationWords {
  private final BiFunction<String, Object[], String> text;
  private final java.util.function.Function<String, String> dayOfMonth;

  /**
   * @param text formats a message of the report's bundle with its arguments
   * @param dayOfMonth says a date ({@code 2026-10-17}) short, in the report's language
   */
  OperationWords(BiFunction<String, Object[], String> text, java.util.function.Function<String, String> dayOfMonth) {
    this.text = text;
    this.dayOfMonth = dayOfMonth;
  }

  /** The result's reason in the report's language, or its stored reason. */
  String reason(OperationResult o) {
    return said(o).orElse(o.reason());
  }

  private Optional<String> said(OperationResult o) {
    JsonNode d = o.details();
    String reason = o.reason();
    if (o.verdict() == Verdict.NOT_APPLICABLE) {
      if (reason.startsWith("not bare metal: systemd-detect-virt says ")) {
        return Optional.of(t("reason.notBareMetal", reason.substring("not bare metal: systemd-detect-virt says ".length())));
      }
      return Optional.of(t("reason.notInManifest"));
    }
    boolean ok = o.verdict() == Verdict.OK;
    return switch (o.operation()) {
      case "upgrades" -> ok && d.has("packages") ? Optional.of(upgrades(d, reason)) : Optional.empty();
      case "purge" -> ok && d.has("purged") ? Optional.of(d.path("purged").isEmpty() ? t("reason.nothingToPurge")
          : t("reason.purged", d.path("purged").size(), ReportView.join(d.path("purged")))) : Optional.empty();
      case "raid" -> ok && d.has("arrays") ? Optional.of(t("reason.raidInSync", d.path("arrays").size())) : Optional.empty();
      case "smart" -> ok && d.has("disks") ? Optional.of(t("reason.disksHealthy", d.path("disks").size())) : Optional.empty();
      case "diskSpace" -> diskSpace(o.verdict(), d);
      case "fail2ban" -> ok && d.has("jails") ? Optional.of(t("reason.jails", d.path("jails").size(),
          d.path("bansInPeriod").asInt())) : Optional.empty();
      case "services" -> ok && d.has("units") ? Optional.of(t("reason.services", d.path("units").size())) : Optional.empty();
      case "portScan" -> portScan(o.verdict(), d);
      case "errorLogs" -> ok ? Optional.of(t("reason.noErrors"))
          : d.has("errors") ? Optional.of(t("reason.errors", d.path("errors").asInt(), d.path("patterns").asInt()))
          : Optional.empty();
      case "backups" -> backups(ok, d);
      default -> Optional.empty();
    };
  }

  private String upgrades(JsonNode d, String reason) {
    int n = d.path("packages").size();
    String said = n == 0 ? t("reason.nothingToUpgrade") : t("reason.upgraded", n);
    JsonNode reboot = d.path("reboot");
    if ((reboot.path("done").asBoolean() && reboot.path("verified").asBoolean())
        || reason.endsWith("; rebooted and verified")) {
      said += t("reason.rebooted");
    }
    return said;
  }

  private Optional<String> diskSpace(Verdict verdict, JsonNode d) {
    if (!d.has("mounts") || d.path("mounts").isEmpty()) {
      return Optional.empty();
    }
    int fullest = 0;
    List<String> over = new ArrayList<>();
    int threshold = verdict == Verdict.FAILED ? d.path("failurePercent").asInt(90) : d.path("warningPercent").asInt(80);
    for (JsonNode m : d.path("mounts")) {
      int used = Math.max(m.path("usedPercent").asInt(), m.path("inodesUsedPercent").asInt());
      fullest = Math.max(fullest, used);
      if (used >= threshold) {
        over.add(m.path("mount").asText() + " " + used + " %");
      }
    }
    if (verdict == Verdict.OK) {
      return Optional.of(t("reason.mounts", d.path("mounts").size(), fullest));
    }
    return over.isEmpty() ? Optional.empty() : Optional.of(t(verdict == Verdict.FAILED ? "reason.diskFailure"
        : "reason.diskWarning", String.join(", ", over), threshold));
  }

  private Optional<String> backups(boolean ok, JsonNode d) {
    if (!d.has("calendar")) {
      return Optional.empty();
    }
    if (ok) {
      return Optional.of(t("reason.backups", d.path("calendar").size()));
    }
    List<String> missed = new ArrayList<>();
    d.path("calendar").fields().forEachRemaining(day -> {
      if (!day.getValue().asText().equals("ok")) {
        missed.add(dayOfMonth.apply(day.getKey()));
      }
    });
    List<String> said = new ArrayList<>();
    if (!missed.isEmpty()) {
      said.add(t("reason.backupsMissed", String.join(", ", missed)));
    }
    if (d.path("check").asText().equals("failed")) {
      said.add(t("reason.backupCheckFailed"));
    }
    return said.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", said));
  }

  private Optional<String> portScan(Verdict verdict, JsonNode d) {
    if (!d.has("open")) {
      return Optional.empty();
    }
    if (verdict == Verdict.OK) {
      return Optional.of(t("reason.exactPorts", ReportView.join(d.path("open"))));
    }
    if (verdict == Verdict.FAILED && d.path("unexpected").size() > 0) {
      return Optional.of(t("reason.unexpectedPorts", ReportView.join(d.path("unexpected"))));
    }
    if (verdict == Verdict.WARNING && d.path("expectedButClosed").size() > 0) {
      return Optional.of(t("reason.closedPorts", ReportView.join(d.path("expectedButClosed"))));
    }
    return Optional.empty();
  }

  private String t(String key, Object... args) {
    return text.apply(key, args);
  }
}
