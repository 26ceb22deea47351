package com.conobium.gardien.modules.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the probe helper {@code jfile} reports about one file, and how it compares with the file a
 * module wants to {@link Step.PutFile put}.
 *
 * @param exists whether the path exists
 * @param sha256 hex SHA-256 of the content (empty when the path is not a regular file; null when
 *     absent)
 * @param mode octal permission bits as {@code stat %a} prints them, e.g. {@code 644}
 * @param owner owner user name
 * @param group owner group name
 */
public record FileFacts(boolean exists, String sha256, String mode, String owner, String group) {

  /** A path that does not exist. */
  public static FileFacts absent() {
    return new FileFacts(false, null, null, null, null);
  }

  /** What {@code jfile} reports right after the engine wrote {@code file}. */
  public static FileFacts written(Step.PutFile file) {
    return new FileFacts(
        true, sha256Hex(file.content()), normalMode(file.mode()), file.owner(), file.group());
  }

  /** Parses the JSON object {@code jfile} printed. */
  public static FileFacts parse(JsonNode node) throws FactsException {
    if (node == null || !node.isObject() || !node.path("exists").isBoolean()) {
      throw new FactsException("expected a jfile object, got " + node);
    }
    if (!node.get("exists").booleanValue()) {
      return absent();
    }
    return new FileFacts(
        true,
        node.path("sha256").asText(""),
        normalMode(node.path("mode").asText("")),
        node.path("owner").asText(""),
        node.path("group").asText(""));
  }

  /** Whether the file is exactly {@code file}: same content, mode, owner and group. */
  public boolean matches(Step.PutFile file) {
    return contentMatches(file.content()) && attributesMatch(file);
  }

  /** Whether the file exists with exactly this content. */
  public boolean contentMatches(String content) {
    return exists && sha256Hex(content).equals(sha256);
  }

  /** Whether the file exists with {@code file}'s mode, owner and group. */
  public boolean attributesMatch(Step.PutFile file) {
    return exists
        && normalMode(file.mode()).equals(mode)
        && file.owner().equals(owner)
        && file.group().equals(group);
  }

  /** Mode, owner and group as people read them, e.g. {@code 0644 root:root}. */
  public String attributes() {
    return exists ? "0" + mode + " " + owner + ":" + group : "absent";
  }

  /** The same attributes of a file that is to be written. */
  public static String attributesOf(Step.PutFile file) {
    return "0" + normalMode(file.mode()) + " " + file.owner() + ":" + file.group();
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code content}, as {@code sha256sum} prints it. */
  public static String sha256Hex(String content) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** {@code 0644} and {@code 644} are the same mode; {@code stat %a} prints the latter. */
  private static String normalMode(String mode) {
    return mode.replaceFirst("^0+(?=.)", "");
  }
}
