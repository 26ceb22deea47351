package com.conobium.gardien.reconciler.secrets;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Gardien's secrets, one encrypted blob per server, AES-256-GCM with the key of
 * {@code HOME/secret.key} (see {@link SecretCipher}, {@link SecretKeyFile}), kept by a
 * {@link SealedStorage}: by default the file {@code HOME/secrets/SERVER.json.enc}, mode 0600,
 * replaced atomically on every write; or the state database. A secret is generated once, on first request, and kept
 * until {@link #rotate rotated}. Values never appear in messages or {@code toString()}.
 *
 * <p>Thread-safe within one process (servers are reconciled in parallel); one Gardien process at a
 * time should write a server's secrets.
 */
public final class SecretStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,252}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}(/[a-z0-9][a-z0-9_.-]{0,63}){0,3}");

  /**
   * Where the fleet-wide secrets are kept (the ACME account key, the SMTP relay's password): a name
   * no server can have, since server names start with a letter or digit.
   */
  public static final String FLEET = "_fleet";

  private final Path home;
  private final Path keyFile;
  private final SealedStorage storage;
  private final SecureRandom random;
  private final SecretGenerator generator;
  private final Clock clock;
  private SecretCipher cipher;

  /**
   * @param home Gardien's home; the key is {@code home/secret.key}, the files {@code home/secrets/}
   */
  public SecretStore(Path home, SecureRandom random, Clock clock) {
    this(home, new FileSealedStorage(home.resolve("secrets")), random, clock);
  }

  /**
   * @param home Gardien's home; the key is {@code home/secret.key}
   * @param storage where the sealed secrets are kept
   */
  public SecretStore(Path home, SealedStorage storage, SecureRandom random, Clock clock) {
    this(home, home.resolve("secret.key"), storage, random, clock);
  }

  /**
   * @param home Gardien's home
   * @param keyFile the key, e.g. a container's mounted secret instead of {@code home/secret.key}
   * @param storage where the sealed secrets are kept
   */
  public SecretStore(Path home, Path keyFile, SealedStorage storage, SecureRandom random, Clock clock) {
    this.home = home;
    this.keyFile = keyFile;
    this.storage = storage;
    this.random = random;
    this.generator = new SecretGenerator(random);
    this.clock = clock;
  }

  /** The secrets of {@code server}, as modules see them. */
  public ServerSecrets view(String server) {
    return new ServerSecrets(this, server);
  }

  /** The secret {@code name} of {@code server}, Gardien's own; a new one of {@code length} characters when missing. */
  public Secret getOrCreate(String server, String name, int length) {
    return getOrCreate(server, name, length, SecretOwner.GARDIEN);
  }

  /**
   * The secret {@code name} of {@code server}; a new one of {@code length} characters when missing.
   * A stored secret recorded with another owner is recorded with {@code owner} from now on.
   */
  public synchronized Secret getOrCreate(String server, String name, int length, SecretOwner owner) {
    Map<String, Secret> secrets = read(server);
    Secret secret = secrets.get(checkName(name));
    if (secret == null || secret.owner() != owner) {
      secret = secret == null ? generate(length).ownedBy(owner) : secret.ownedBy(owner);
      secrets.put(name, secret);
      write(server, secrets);
    }
    return secret;
  }

  /**
   * Stores {@code value} as the secret {@code name} of {@code server}, replacing any value it had:
   * text Gardien did not generate, such as a PEM certificate or key. Such a secret has an empty
   * salt and is never {@link #rotate rotated}. It keeps the owner the replaced value had (Gardien's
   * own for a new one, until a module that uses it says otherwise).
   */
  public synchronized void put(String server, String name, String value) {
    Secret old = read(server).get(checkName(name));
    put(server, name, value, old == null ? SecretOwner.GARDIEN : old.owner());
  }

  /** {@link #put(String, String, String)}, recording whose the secret is. */
  public synchronized void put(String server, String name, String value, SecretOwner owner) {
    Map<String, Secret> secrets = read(server);
    secrets.put(checkName(name), new Secret(value, "", clock.instant(), owner));
    write(server, secrets);
  }

  /** The secret {@code name} of {@code server} when it is stored; nothing is generated. */
  public synchronized Optional<Secret> get(String server, String name) {
    return Optional.ofNullable(read(server).get(checkName(name)));
  }

  /**
   * The secret {@code name} of {@code server} when it is stored, recorded with {@code owner} from
   * now on if it was recorded with another; nothing is generated.
   */
  public synchronized Optional<Secret> get(String server, String name, SecretOwner owner) {
    Map<String, Secret> secrets = read(server);
    Secret secret = secrets.get(checkName(name));
    if (secret != null && secret.owner() != owner) {
      secret = secret.ownedBy(owner);
      secrets.put(name, secret);
      write(server, secrets);
    }
    return Optional.ofNullable(secret);
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
    List<String> chosen =
        names.isEmpty()
            ? secrets.entrySet().stream().filter(e -> e.getValue().generated()).map(Map.Entry::getKey).toList()
            : names;
    for (String name : chosen) {
      if (!secrets.containsKey(name)) {
        throw new SecretStoreException("server " + server + " has no secret named '" + name
            + "'; it has: " + String.join(", ", secrets.keySet()));
      }
      if (!secrets.get(name).generated()) {
        throw new SecretStoreException("the secret '" + name + "' of " + server
            + " was not generated by Gardien (a certificate, a key): replace it instead of rotating it");
      }
    }
    for (String name : chosen) {
      Secret old = secrets.get(name);
      secrets.put(name, generate(old.reveal().length()).ownedBy(old.owner()));
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

  /**
   * Stores {@code secrets} as the secrets of {@code server} exactly as they are (values, salts,
   * dates, owners), replacing every secret it had: a server's secrets carried over from another
   * store (see {@link #all}), so that what they set on the server stays the same.
   */
  public synchronized void replaceAll(String server, Map<String, Secret> secrets) {
    Map<String, Secret> copy = new java.util.TreeMap<>();
    secrets.forEach((name, secret) -> copy.put(checkName(name), secret));
    write(server, copy);
  }

  /** The names of the secrets of {@code server} and their creation dates, never their values. */
  public synchronized List<SecretInfo> list(String server) {
    List<SecretInfo> infos = new ArrayList<>();
    read(server).forEach((name, s) -> infos.add(new SecretInfo(name, s.created(), s.owner())));
    return infos;
  }

  /** The file that holds (or would hold) the secrets of {@code server} in the default file storage. */
  public Path file(String server) {
    return new FileSealedStorage(home.resolve("secrets")).file(checkServer(server));
  }

  /** Where the key is kept. */
  public Path keyFile() {
    return keyFile;
  }

  @Override
  public String toString() {
    return "SecretStore[" + home + ", " + storage.where("SERVER") + "]";
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
    checkServer(server);
    byte[] sealed;
    try {
      Optional<byte[]> stored = storage.read(server);
      if (stored.isEmpty()) {
        return new TreeMap<>();
      }
      sealed = stored.get();
    } catch (IOException e) {
      throw new SecretStoreException("cannot read " + storage.where(server) + ": " + e.getClass().getSimpleName(), e);
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
              Instant.parse(s.get("created").textValue()),
              // stores written before owners were recorded: Gardien's own until a module says otherwise
              "customer".equals(s.path("owner").textValue()) ? SecretOwner.CUSTOMER : SecretOwner.GARDIEN));
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
                .put("created", s.created().toString())
                .put("owner", s.owner().label()));
    checkServer(server);
    byte[] plain;
    try {
      plain = JSON.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new SecretStoreException("cannot encode the secrets of " + server);
    }
    try {
      byte[] sealed = cipher().encrypt(server, plain);
      storage.write(server, sealed);
    } catch (IOException e) {
      throw new SecretStoreException("cannot write " + storage.where(server) + ": " + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static String checkServer(String server) {
    if (FLEET.equals(server)) {
      return server;
    }
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
