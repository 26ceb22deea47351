package com.conobium.gardien.modules.accounts;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the accounts probe found.
 *
 * @param admin the admin user, or empty when it does not exist
 * @param sudoers Gardien's sudoers file for the admin
 * @param rootShadowDigest hex SHA-256 of root's shadow password field (never the field itself)
 * @param adminShadowDigest the same for the admin; empty when the user does not exist
 */
record AccountsFacts(
    Optional<User> admin,
    FileFacts sudoers,
    Optional<String> rootShadowDigest,
    Optional<String> adminShadowDigest) {

  /**
   * An existing user.
   *
   * @param home home directory from the passwd entry
   * @param homeExists whether it is a directory
   * @param shell login shell
   * @param group primary group name
   * @param groups every group the user is a member of
   * @param authorizedKeys the user's {@code ~/.ssh/authorized_keys}
   * @param authorizedKeysContent that file's content, for display only (comparison uses the hash)
   */
  record User(
      String home,
      boolean homeExists,
      String shell,
      String group,
      List<String> groups,
      FileFacts authorizedKeys,
      String authorizedKeysContent) {
    User {
      groups = List.copyOf(groups);
    }
  }

  /** Parses the probe's JSON. */
  static AccountsFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.isObject() || !json.has("user") || !json.path("shadow").isObject()) {
      throw new FactsException("accounts probe: expected an object with user and shadow");
    }
    JsonNode user = json.get("user");
    Optional<User> admin = Optional.empty();
    if (user.isObject()) {
      List<String> groups = new ArrayList<>();
      user.path("groups").forEach(g -> groups.add(g.asText()));
      admin =
          Optional.of(
              new User(
                  user.path("home").asText(""),
                  user.path("homeExists").asBoolean(false),
                  user.path("shell").asText(""),
                  user.path("group").asText(""),
                  groups,
                  FileFacts.parse(user.get("authorizedKeys")),
                  user.path("authorizedKeysContent").asText("")));
    } else if (!user.isNull()) {
      throw new FactsException("accounts probe: user must be an object or null");
    }
    JsonNode shadow = json.get("shadow");
    return new AccountsFacts(
        admin, FileFacts.parse(json.get("sudoers")), digest(shadow.get("root")), digest(shadow.get("admin")));
  }

  private static Optional<String> digest(JsonNode node) {
    return node != null && node.isTextual() && !node.textValue().isEmpty()
        ? Optional.of(node.textValue())
        : Optional.empty();
  }
}
