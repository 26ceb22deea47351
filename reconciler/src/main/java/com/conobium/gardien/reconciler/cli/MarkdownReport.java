package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.Problem;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.reconciler.engine.Display;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import java.util.List;

/**
 * A plan (or apply) as Markdown, ready to post as a pull-request comment: a summary table, then
 * each server's changes in a collapsed {@code diff} block. Values go through {@link Display}, so
 * secrets are masked as in every other output.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * @param changes what {@code --changed-since} selected, or null when every server was planned
   */
  static String outcomes(String command, List<ServerOutcome> outcomes, ChangedServers.Result changes) {
    return outcomes(command, outcomes, changes, false);
  }

  /**
   * @param changes what {@code --changed-since} selected, or null when every server was planned
   * @param withoutSecrets whether the plan was made without the secret store
   */
  static String outcomes(String command, List<ServerOutcome> outcomes, ChangedServers.Result changes,
      boolean withoutSecrets) {
    StringBuilder md = new StringBuilder("### Gardien " + command + "\n\n");
    if (withoutSecrets) {
      md.append("Planned without the secret store: values that are secrets (passwords, keys) are not compared")
          .append(" (`?` lines) and certificates kept in the store are not checked.\n\n");
    }
    if (changes != null) {
      md.append(changes.baseInvalid()
          ? "The base revision `" + shortId(changes.base()) + "` had no valid repository here: every server is planned.\n"
          : outcomes.size() + " server(s) changed since `" + shortId(changes.base()) + "`.");
      if (!changes.removed().isEmpty()) {
        md.append(" Removed from the repository (no longer managed, nothing is done to them): ")
            .append(String.join(", ", changes.removed().stream().map(n -> "`" + n + "`").toList())).append('.');
      }
      md.append("\n\n");
    }
    if (outcomes.isEmpty()) {
      return md.append("No server's effective manifest changed: nothing to plan.\n").toString();
    }
    md.append("| server | status | changes | failed checks | round trips |\n|---|---|---|---|---|\n");
    for (ServerOutcome o : outcomes) {
      md.append("| `").append(o.server()).append("` | ").append(status(o)).append(" | ")
          .append(changeCount(o)).append(" | ").append(failedChecks(o)).append(" | ")
          .append(o.roundTrips()).append(" |\n");
    }
    for (ServerOutcome o : outcomes) {
      if (o.unreachable()) {
        md.append("\n**`").append(o.server()).append("` unreachable:**\n\n```text\n")
            .append(fence(o.error())).append("\n```\n");
        continue;
      }
      StringBuilder body = new StringBuilder();
      for (ModuleOutcome m : o.modules()) {
        boolean quiet = m.changes().isEmpty() && m.error() == null && !m.hasFailedChecks()
            && m.notCompared().isEmpty();
        if (quiet) {
          continue;
        }
        body.append("# ").append(m.module()).append(" [")
            .append(m.status().name().toLowerCase().replace('_', ' ')).append("]\n");
        for (Change c : m.changes()) {
          body.append(fence(Display.line(c))).append('\n');
        }
        for (String resource : m.notCompared()) {
          body.append("? ").append(fence(resource)).append(": ").append(Printer.NOT_COMPARED).append('\n');
        }
        for (CheckResult c : m.checks()) {
          if (!c.passed()) {
            body.append("! check ").append(fence(c.name())).append(": expected ").append(fence(c.expected()))
                .append(", found ").append(fence(c.actual())).append('\n');
          }
        }
        if (m.error() != null) {
          body.append("! error: ").append(fence(m.error())).append('\n');
        }
      }
      if (body.length() > 0) {
        md.append("\n<details><summary><code>").append(o.server()).append("</code>: ").append(status(o))
            .append(", ").append(changeCount(o)).append(" change(s)</summary>\n\n```diff\n")
            .append(body).append("```\n\n</details>\n");
      }
    }
    return md.toString();
  }

  /** An invalid repository: every problem, nothing planned. */
  static String invalid(String command, List<Problem> problems) {
    StringBuilder md = new StringBuilder("### Gardien " + command + "\n\n**The config repository is invalid** ("
        + problems.size() + " problem(s)); nothing was sent to any server.\n\n```text\n");
    problems.forEach(p -> md.append(fence(p.toString())).append('\n'));
    return md.append("```\n").toString();
  }

  private static String status(ServerOutcome o) {
    if (o.unreachable()) {
      return "unreachable";
    }
    if (o.hasFailures()) {
      return "**failed**";
    }
    if (o.hasDrift()) {
      return "drift";
    }
    if (o.modules().stream().anyMatch(m -> m.status() == ModuleOutcome.Status.CONVERGED)) {
      return "converged";
    }
    return o.hasFailedChecks() ? "in sync, checks failed" : "in sync";
  }

  private static long changeCount(ServerOutcome o) {
    return o.modules().stream().mapToLong(m -> m.changes().size()).sum();
  }

  private static long failedChecks(ServerOutcome o) {
    return o.modules().stream().flatMap(m -> m.checks().stream()).filter(c -> !c.passed()).count();
  }

  /** Text inside a fenced block must not close it. */
  private static String fence(String text) {
    return text == null ? "" : text.replace("```", "ʼʼʼ");
  }

  private static String shortId(String id) {
    return id.substring(0, Math.min(12, id.length()));
  }
}
