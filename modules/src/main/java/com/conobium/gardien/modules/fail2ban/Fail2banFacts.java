package com.conobium.gardien.modules.fail2ban;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the fail2ban probe found.
 *
 * @param installed whether {@code fail2ban-client} is installed
 * @param jailFile Gardien's jail file
 * @param jailFileContent that file's content, for display only (comparison uses the hash); empty
 *     when it is exactly the file Gardien wants there (the probe compares it with shell builtins, to
 *     spare the processes that would send it) or absent
 * @param unitFileState systemd's {@code UnitFileState} of fail2ban.service: {@code enabled},
 *     {@code disabled}, {@code masked}… or empty when the unit does not exist
 * @param activeState systemd's {@code ActiveState}: {@code active}, {@code inactive},
 *     {@code failed}…
 * @param nginxErrorLogExists whether {@link JailLogFiles#NGINX_ERROR_LOG} exists
 * @param controller the address the server sees Gardien's SSH connection come from (from sshd's
 *     {@code SSH_CONNECTION}), or empty when it is not known
 */
public record Fail2banFacts(
    boolean installed,
    FileFacts jailFile,
    Optional<String> jailFileContent,
    String unitFileState,
    String activeState,
    boolean nginxErrorLogExists,
    String controller) {
  private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[0-9A-Fa-f.:]*");

  public Fail2banFacts {
    if (!ADDRESS.matcher(controller).matches()) {
      throw new IllegalArgumentException("not an IP address: " + controller);
    }
  }

  /** Facts of a server whose view of Gardien's address is not known. */
  public Fail2banFacts(boolean installed, FileFacts jailFile, Optional<String> jailFileContent,
      String unitFileState, String activeState, boolean nginxErrorLogExists) {
    this(installed, jailFile, jailFileContent, unitFileState, activeState, nginxErrorLogExists, "");
  }

  /** Whether the log file {@code path} exists on the server. */
  public boolean logFileExists(String path) {
    return path.equals(JailLogFiles.NGINX_ERROR_LOG) && nginxErrorLogExists;
  }

  /** Parses the probe's JSON. */
  public static Fail2banFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.isObject() || !json.path("installed").isBoolean()
        || !json.path("nginxErrorLog").isBoolean()) {
      throw new FactsException("fail2ban probe: expected an object with installed, got " + json);
    }
    String controller = json.path("controller").asText("");
    if (!ADDRESS.matcher(controller).matches()) {
      throw new FactsException("fail2ban probe: not an IP address for the controller: " + controller);
    }
    return new Fail2banFacts(
        json.get("installed").booleanValue(),
        FileFacts.parse(json.get("jailFile")),
        json.path("jailFileContent").isTextual()
            ? Optional.of(json.get("jailFileContent").textValue())
            : Optional.empty(),
        json.path("enabled").asText("").strip(),
        json.path("active").asText("").strip(),
        json.get("nginxErrorLog").booleanValue(),
        controller);
  }
}
