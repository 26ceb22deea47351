package com.conobium.gardien.reconciler.secrets;

import com.conobium.gardien.modules.spi.Secret;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Gardien's secrets, one encrypted file per server: {@code HOME/secrets/SERVER.json.enc}, AES-256-GCM
 * with the key of {@code HOME/secret.key} (see {@link SecretCipher}, {@link SecretKeyFile}), mode
 * 0600, replaced atomically on every write. A secret is generated once, on first request, and kept
 * until {@link #rotate rotated}. Values never appear in messages or {@code toString()}.
 *
 * <p>Thread-safe within one process (servers are reconciled in parallel); one Gardien process at a
 * time should write a server's secrets.
 */
public final class SecretStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,252}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  private final Path home;
  private final SecureRandom random;
  private final SecretGenerator generator;
  private final Clock clock;
  private SecretCipher cipher;

  /**
   * @param home Gardien's home; the key is {@code home/secret.key}, the files {@code home/secrets/}
   */
  public SecretStore(Path home, SecureRandom random, Clock clock) {
    this.home = home;
    this.random = random;
    this.generator = new SecretGenerator(random);
    this.clock = clock;
  }

  /** The secrets of {@code server}, as modules see them. */
  public ServerSecrets view(String server) {
    return new ServerSecrets(this, server);
  }

  /** The secret {@code name} of {@code server}; a new one of {@code length} characters when missing. */
  public synchronized Secret getOrCreate(String server, String name, int length) {
    Map<String, Secret> secrets = read(server);
    Secret secret = secrets.get(checkName(name));
    if (secret == null) {
      secret = generate(length);
      secrets.put(name, secret);
      write(server, secrets);
    }
    return secret;
  }

  /**
   * Gives new values to the named secrets of {@code server} (all of them when {@code names} is
   * empty), each as long as the value it replaces. The next apply sets them on the server.
   *
   * @return the names rotated
   * @throws SecretStoreException when a name is not stored
   */
  public synchronized List<String> rotate(String server, List<String> names) {
    Map<String, Secret> secrets = read(server);
    List<String> chosen = names.isEmpty() ? List.copyOf(secrets.keySet()) : names;
    for (String name : chosen) {
      if (!secrets.containsKey(name)) {
        throw new SecretStoreException("server " + server + " has no secret named '" + name
            + "'; it has: " + String.join(", ", secrets.keySet()));
      }
    }
    for (String name : chosen) {
      secrets.put(name, generate(secrets.get(name).reveal().length()));
    }
    write(server, secrets);
    return chosen;
  }

  /**
   * The stored secrets of {@code server} by name (none generated here), for handing them to the
   * customer through a credential link. Never print the values.
   */
  public synchronized Map<String, Secret> all(String server) {
    return java.util.Collections.unmodifiableMap(read(server));
  }

  /** The names of the secrets of {@code server} and their creation dates, never their values. */
  public synchronized List<SecretInfo> list(String server) {
    List<SecretInfo> infos = new ArrayList<>();
    read(server).forEach((name, s) -> infos.add(new SecretInfo(name, s.created())));
    return infos;
  }

  /** Where the secrets of {@code server} are kept. */
  public Path file(String server) {
    return home.resolve("secrets").resolve(checkServer(server) + ".json.enc");
  }

  /** Where the key is kept. */
  public Path keyFile() {
    return home.resolve("secret.key");
  }

  @Override
  public String toString() {
    return "SecretStore[" + home + "]";
  }

  private Secret generate(int length) {
    return new Secret(generator.secret(length), generator.salt(), clock.instant());
  }

  private SecretCipher cipher() {
    if (cipher == null) {
      cipher = new SecretCipher(SecretKeyFile.loadOrCreate(keyFile(), random), random);
    }
    return cipher;
  }

  private Map<String, Secret> read(String server) {
    Path file = file(server);
    byte[] sealed;
    try {
      sealed = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    } catch (IOException e) {
      throw new SecretStoreException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
    }
    byte[] plain = cipher().decrypt(server, sealed);
    try {
      return parse(JSON.readTree(plain), server);
    } catch (IOException | RuntimeException e) {
      // no cause: a parser's message may quote the decrypted text
      throw new SecretStoreException("the secrets file of " + server + " decrypts but is not valid");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static Map<String, Secret> parse(JsonNode doc, String server) {
    Map<String, Secret> secrets = new TreeMap<>();
    JsonNode all = doc.get("secrets");
    if (all == null || !all.isObject()) {
      throw new SecretStoreException("the secrets file of " + server + " decrypts but is not valid");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = all.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      JsonNode s = e.getValue();
      secrets.put(
          e.getKey(),
          new Secret(
              s.get("value").textValue(),
              s.get("salt").textValue(),
              Instant.parse(s.get("created").textValue())));
    }
    return secrets;
  }

  private void write(String server, Map<String, Secret> secrets) {
    ObjectNode doc = JSON.createObjectNode().put("server", server);
    ObjectNode all = doc.putObject("secrets");
    secrets.forEach(
        (name, s) ->
            all.putObject(name)
                .put("value", s.reveal())
                .put("salt", s.salt())
                .put("created", s.created().toString()));
    Path file = file(server);
    byte[] plain;
    try {
      plain = JSON.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new SecretStoreException("cannot encode the secrets of " + server);
    }
    try {
      byte[] sealed = cipher().encrypt(server, plain);
      PrivateFiles.directory(file.getParent());
      PrivateFiles.replace(file, sealed);
    } catch (IOException e) {
      throw new SecretStoreException("cannot write " + file + ": " + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static String checkServer(String server) {
    if (server == null || !SERVER.matcher(server).matches() || server.contains("..")) {
      throw new SecretStoreException("not a server name usable as a file name: " + server);
    }
    return server;
  }

  private static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new SecretStoreException("not a secret name: " + name);
    }
    return name;
  }
}
