package com.conobium.gardien.reconciler.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * What one maintenance operation found (and did) on one server.
 *
 * @param operation the operation's name, e.g. {@code upgrades}
 * @param verdict ok, warning, failed or not applicable
 * @param reason one sentence for people: what was found, or why it does not apply
 * @param details the facts behind it as JSON (packages upgraded with versions, mounts, ports…),
 *     which the report lays out; never a secret
 */
public record OperationResult(String operation, Verdict verdict, String reason, JsonNode details) {
  public OperationResult {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(verdict, "verdict");
    reason = reason == null ? "" : reason;
    details = details == null ? JsonNodeFactory.instance.objectNode() : details;
  }

  public static OperationResult ok(String operation, String reason, JsonNode details) {
    return new OperationResult(operation, Verdict.OK, reason, details);
  }

  public static OperationResult warning(String operation, String reason, JsonNode details) {
    return new OperationResult(operation, Verdict.WARNING, reason, details);
  }

  public static OperationResult failed(String operation, String reason, JsonNode details) {
    return new OperationResult(operation, Verdict.FAILED, reason, details);
  }

  public static OperationResult notApplicable(String operation, String reason) {
    return new OperationResult(operation, Verdict.NOT_APPLICABLE, reason, null);
  }
}
