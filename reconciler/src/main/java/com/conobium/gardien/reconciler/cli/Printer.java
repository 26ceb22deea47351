package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.Problem;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.Reading;
import com.conobium.gardien.reconciler.credentials.CredentialLink;
import com.conobium.gardien.reconciler.credentials.SharedLink;
import com.conobium.gardien.reconciler.engine.ApplyListener;
import com.conobium.gardien.reconciler.engine.Display;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.secrets.SecretInfo;
import com.conobium.gardien.reconciler.state.ChangeRecord;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.ServerRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints command results for people ({@code text}) or machines ({@code json}). Sensitive values
 * go through {@link Display}, so they are masked in both.
 */
final class Printer {
  /** Made on the first JSON output: Jackson's start-up is not paid by commands that print text. */
  private ObjectMapper json;

  private final PrintStream out;
  private final PrintStream err;

  /** Where errors go: picocli's own usage errors are printed there too. */
  PrintStream errors() {
    return err;
  }

  Printer(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  void valid(OutputFormat format, Path repo, ConfigRepo config) {
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode().put("valid", true);
      ArrayNode servers = doc.putArray("servers");
      config.servers().forEach(s -> servers.add(s.name()));
      doc.putArray("problems");
      print(doc);
    } else {
      out.printf("%s is valid: %d server(s): %s%n", repo, config.servers().size(),
          String.join(", ", config.servers().stream().map(s -> s.name()).toList()));
    }
  }

  void invalid(OutputFormat format, Path repo, List<Problem> problems) {
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode().put("valid", false);
      ArrayNode list = doc.putArray("problems");
      for (Problem p : problems) {
        list.addObject()
            .put("file", p.file().toString())
            .put("line", p.line())
            .put("column", p.column())
            .put("field", p.field())
            .put("message", p.message());
      }
      print(doc);
    } else {
      problems.forEach(p -> err.println(p));
      err.printf("%s is invalid: %d problem(s); nothing was sent to any server.%n", repo, problems.size());
    }
  }

  /** Text already formatted (e.g. Markdown), on standard output as it is. */
  void raw(String text) {
    out.print(text);
  }

  /** A failure that stops the command, on standard error. Never give it a secret. */
  /** A one-line confirmation on standard output. */
  void note(String message) {
    out.println(message);
  }

  void error(String message) {
    err.println("gardien: " + message);
  }

  /** The names, owners and creation dates of a server's secrets; values are never printed. */
  void secrets(OutputFormat format, String server, List<SecretInfo> secrets) {
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode().put("server", server);
      ArrayNode list = doc.putArray("secrets");
      secrets.forEach(s -> list.addObject().put("name", s.name()).put("created", s.created().toString())
          .put("owner", s.owner().label()));
      print(doc);
    } else if (secrets.isEmpty()) {
      out.printf("%s: no secrets yet (they are generated at the first plan or apply)%n", server);
    } else {
      secrets.forEach(s -> out.printf("%-32s %-8s created %s%n", s.name(), s.owner().label(), s.created()));
    }
  }

  /** Which secrets of a server got new values. */
  void rotated(OutputFormat format, String server, List<String> names) {
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode().put("server", server);
      ArrayNode list = doc.putArray("rotated");
      names.forEach(list::add);
      print(doc);
    } else {
      out.printf("%s: new value for %s; the next apply sets it on the server%n", server,
          names.isEmpty() ? "nothing" : String.join(", ", names));
    }
  }

  /** A new credential link: printed (the whole address, key included) or mailed (then never printed). */
  void shared(OutputFormat format, SharedLink shared, String mailedTo, List<CredentialLink> revoked) {
    CredentialLink link = shared.link();
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode().put("server", link.server()).put("id", link.id())
          .put("expires", link.expires().toString());
      link.names().forEach(doc.putArray("secrets")::add);
      if (mailedTo == null) {
        doc.put("url", shared.url());
      } else {
        doc.put("mailedTo", mailedTo);
      }
      revoked.forEach(r -> doc.withArray("revoked").add(r.id()));
      print(doc);
      return;
    }
    if (mailedTo == null) {
      out.println(shared.url());
      err.printf("%s: link to %s, one view, expires %s%n", link.server(), String.join(", ", link.names()),
          link.expires());
    } else {
      out.printf("%s: link to %s mailed to %s, one view, expires %s%n", link.server(),
          String.join(", ", link.names()), mailedTo, link.expires());
    }
    if (!revoked.isEmpty()) {
      err.printf("%s: %d older link(s) revoked%n", link.server(), revoked.size());
    }
  }

  /** Which links of a server were revoked. */
  void revokedLinks(OutputFormat format, String server, List<CredentialLink> revoked) {
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode().put("server", server);
      ArrayNode list = doc.putArray("revoked");
      revoked.forEach(l -> list.add(l.id()));
      print(doc);
    } else {
      out.printf("%s: %d link(s) revoked%n", server, revoked.size());
    }
  }

  /** The credential links Gardien holds: ids, dates and state, never a key. */
  void links(OutputFormat format, List<CredentialLink> links) {
    java.time.Instant now = java.time.Instant.now();
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      ArrayNode list = doc.putArray("links");
      for (CredentialLink l : links) {
        ObjectNode o = list.addObject().put("id", l.id()).put("server", l.server())
            .put("created", l.created().toString()).put("expires", l.expires().toString())
            .put("viewed", l.viewed() == null ? null : l.viewed().toString()).put("state", state(l, now));
        l.names().forEach(o.putArray("secrets")::add);
      }
      print(doc);
    } else if (links.isEmpty()) {
      out.println("no credential links");
    } else {
      links.forEach(l -> out.printf("%-22s  %-16s  %-8s  expires %s  %s%n", l.id(), l.server(), state(l, now),
          l.expires(), String.join(", ", l.names())));
    }
  }

  private static String state(CredentialLink link, java.time.Instant now) {
    return link.viewed() != null ? "viewed" : link.expired(now) ? "expired" : "open";
  }

  /** Where {@code gardien credentials serve} listens. */
  void serving(java.net.InetSocketAddress address) {
    out.printf("serving credential links on http://%s:%d/c/ (stop with Ctrl-C)%n",
        address.getAddress().getHostAddress(), address.getPort());
    out.flush();
  }

  /** The public key a server's backup logs in with. */
  void backupKey(OutputFormat format, String server, String publicKey) {
    if (format == OutputFormat.json) {
      print(JsonNodeFactory.instance.objectNode().put("server", server).put("publicKey", publicKey));
    } else {
      out.println(publicKey);
    }
  }

  /** What a {@code gardien backup} operation printed on the server, and how it ended. */
  void backup(OutputFormat format, String server, String action, int exitStatus, String stdout, String stderr) {
    if (format == OutputFormat.json) {
      print(JsonNodeFactory.instance.objectNode().put("server", server).put("action", action).put("ok", exitStatus == 0)
          .put("exitStatus", exitStatus).put("output", stdout).put("errors", stderr));
      return;
    }
    out.print(stdout);
    err.print(stderr);
    if (exitStatus != 0) {
      err.printf("gardien: backup %s on %s failed (exit status %d)%n", action, server, exitStatus);
    }
  }

  /**
   * Stored runs, newest first, one line each; with {@code changes} (by run id, null when not asked)
   * their lines under them. The lines were masked before they were stored.
   */
  void history(OutputFormat format, String where, String server, List<RunRecord> runs,
      java.util.Map<Long, List<ChangeRecord>> changes) {
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      if (server != null) {
        doc.put("server", server);
      }
      ArrayNode list = doc.putArray("runs");
      for (RunRecord r : runs) {
        ObjectNode o = list.addObject().put("id", r.id()).put("server", r.server())
            .put("started", r.started().toString()).put("durationMs", r.duration().toMillis())
            .put("reason", r.reason()).put("mode", r.mode()).put("result", r.result())
            .put("revision", r.revision()).put("roundTrips", r.roundTrips()).put("driftCount", r.driftCount())
            .put("appliedCount", r.appliedCount()).put("failedCount", r.failedCount()).put("error", r.error());
        if (changes != null) {
          ArrayNode cs = o.putArray("changes");
          changes.getOrDefault(r.id(), List.of()).forEach(c -> cs.addObject().put("module", c.module())
              .put("line", c.line()).put("status", c.status().label())
              .put("error", c.error()));
        }
      }
      print(doc);
      return;
    }
    if (runs.isEmpty()) {
      out.printf("no runs stored%s in the state database %s%n", server == null ? "" : " of " + server, where);
      return;
    }
    for (RunRecord r : runs) {
      out.printf(java.util.Locale.ROOT, "%s  %-16s %-12s %-6s %-12s drift %d, applied %d, failed %d  %s  rev %s%n",
          r.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), r.server(), r.reason(), r.mode(),
          r.result(), r.driftCount(), r.appliedCount(), r.failedCount(), seconds(r.duration()),
          shortRevision(r.revision()));
      if (r.error() != null) {
        out.printf("    error: %s%n", r.error());
      }
      if (changes != null) {
        for (ChangeRecord c : changes.getOrDefault(r.id(), List.of())) {
          out.printf("    %s: %s  [%s%s]%n", c.module(), c.line(), c.status().label(),
              c.error() == null ? "" : ": " + c.error());
        }
      }
    }
  }

  /** The stored status of servers, by name. */
  void statuses(OutputFormat format, String where, List<ServerRecord> servers) {
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      ArrayNode list = doc.putArray("servers");
      for (ServerRecord s : servers) {
        list.addObject().put("server", s.server()).put("mode", s.mode()).put("lastResult", s.lastResult())
            .put("lastFailed", s.lastFailed()).put("lastRun", s.lastStart().toString())
            .put("lastSuccess", s.lastSuccess() == null ? null : s.lastSuccess().toString())
            .put("consecutiveFailures", s.consecutiveFailures()).put("revision", s.revision());
      }
      print(doc);
      return;
    }
    if (servers.isEmpty()) {
      out.printf("no server status stored in the state database %s%n", where);
      return;
    }
    for (ServerRecord s : servers) {
      out.printf("%-16s %-12s %-6s last run %s  last success %s  %d failure(s) in a row  rev %s%n", s.server(),
          s.lastResult(), s.mode(), s.lastStart().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
          s.lastSuccess() == null ? "never" : s.lastSuccess().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
          s.consecutiveFailures(), shortRevision(s.revision()));
    }
  }

  private static String seconds(java.time.Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String shortRevision(String revision) {
    return revision == null ? "-" : revision.substring(0, Math.min(7, revision.length()));
  }

  /** Progress lines on standard error as changes are applied (text only). */
  ApplyListener progress(OutputFormat format) {
    if (format == OutputFormat.json) {
      return ApplyListener.NONE;
    }
    return (server, module, change, error) -> {
      synchronized (err) {
        err.printf("%s %s: %s%s%n", error == null ? "✓" : "✗", server, Display.line(change),
            error == null ? "" : "\n    " + error);
      }
    };
  }

  /** What a plan made without the secret store says of a resource whose comparison needs a secret. */
  static final String NOT_COMPARED = "not compared (its value is a secret; planned without the secret store)";

  void outcomes(OutputFormat format, String command, List<ServerOutcome> outcomes) {
    if (format == OutputFormat.json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode().put("command", command);
      ArrayNode servers = doc.putArray("servers");
      outcomes.forEach(o -> servers.add(json(o)));
      print(doc);
      return;
    }
    for (ServerOutcome o : outcomes) {
      text(o);
    }
  }

  private void text(ServerOutcome o) {
    if (o.unreachable()) {
      out.printf("%s: UNREACHABLE: %s%n", o.server(), o.error());
      return;
    }
    long changes = o.modules().stream().mapToLong(m -> m.changes().size()).sum();
    long failedChecks =
        o.modules().stream().flatMap(m -> m.checks().stream()).filter(c -> !c.passed()).count();
    out.printf("%s: %s (%d change(s), %d failed check(s), %d round trip(s), %d ms)%n",
        o.server(), summary(o), changes, failedChecks, o.roundTrips(), o.duration().toMillis());
    for (ModuleOutcome m : o.modules()) {
      boolean quiet = m.changes().isEmpty() && m.error() == null && !m.hasFailedChecks()
          && m.notCompared().isEmpty();
      if (quiet) {
        continue;
      }
      out.printf("  %s [%s]%n", m.module(), m.status().name().toLowerCase().replace('_', ' '));
      for (Change c : m.changes()) {
        out.printf("    %s%n", Display.line(c));
      }
      for (String resource : m.notCompared()) {
        out.printf("    ? %s: %s%n", resource, NOT_COMPARED);
      }
      for (CheckResult c : m.checks()) {
        if (!c.passed()) {
          out.printf("    ✗ check %s: expected %s, found %s%n", c.name(), c.expected(), c.actual());
        }
      }
      if (m.error() != null) {
        out.printf("    error: %s%n", m.error());
      }
    }
  }

  private static String summary(ServerOutcome o) {
    if (o.hasFailures()) {
      return "FAILED";
    }
    if (o.hasDrift()) {
      return "drift";
    }
    if (o.modules().stream().anyMatch(m -> m.status() == ModuleOutcome.Status.CONVERGED)) {
      return "converged";
    }
    return o.hasFailedChecks() ? "in sync, checks failed" : "in sync";
  }

  private static ObjectNode json(ServerOutcome o) {
    ObjectNode s = JsonNodeFactory.instance.objectNode()
        .put("server", o.server())
        .put("status", o.unreachable() ? "unreachable" : summary(o).toLowerCase())
        .put("error", o.error())
        .put("roundTrips", o.roundTrips())
        .put("durationMs", o.duration().toMillis());
    ArrayNode modules = s.putArray("modules");
    for (ModuleOutcome m : o.modules()) {
      ObjectNode mj = modules.addObject()
          .put("module", m.module())
          .put("status", m.status().name().toLowerCase())
          .put("error", m.error())
          .put("applied", m.applied());
      ArrayNode changes = mj.putArray("changes");
      for (Change c : m.changes()) {
        changes.addObject()
            .put("resource", c.resource())
            .put("action", c.action().name().toLowerCase())
            .put("before", Display.value(c, c.before()))
            .put("after", Display.value(c, c.after()))
            .put("sensitive", c.sensitive());
      }
      ArrayNode checks = mj.putArray("checks");
      for (CheckResult c : m.checks()) {
        checks.addObject()
            .put("name", c.name())
            .put("passed", c.passed())
            .put("expected", c.expected())
            .put("actual", c.actual());
      }
      ArrayNode notCompared = mj.putArray("notCompared");
      m.notCompared().forEach(notCompared::add);
      ArrayNode readings = mj.putArray("readings");
      for (Reading r : m.readings()) {
        ObjectNode rj = readings.addObject().put("name", r.name());
        r.labels().forEach(rj.putObject("labels")::put);
        rj.put("value", r.value());
      }
    }
    return s;
  }

  /** A new JSON document for {@link #json}. */
  static ObjectNode document() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A JSON document on standard output, for commands that build their own. */
  void json(ObjectNode doc) {
    print(doc);
  }

  private void print(ObjectNode doc) {
    try {
      out.println(json().writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectMapper json() {
    if (json == null) {
      json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
    return json;
  }
}
