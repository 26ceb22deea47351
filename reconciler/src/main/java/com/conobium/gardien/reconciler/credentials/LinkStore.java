package com.conobium.gardien.reconciler.credentials;

import com.conobium.gardien.reconciler.secrets.PrivateFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The credential links Gardien holds: one file per link, {@code DIR/ID.json} (mode 0600, written
 * atomically), with the server, the secret names, the dates and the ciphertext; never a key.
 *
 * <p>A link hands out its ciphertext once: {@link #take} claims the file by an atomic rename, which
 * only one caller (thread or process) wins, and leaves a tombstone without ciphertext, so that a
 * second visit learns the link was used. Tombstones and expired links are deleted by
 * {@link #purge}. Links are revoked by deleting their file.
 */
public final class LinkStore {
  /** A link id: 128 random bits, base64url. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = ".json";
  /** A claim is renamed away within milliseconds; one this old was left by a stopped process. */
  private static final Duration STALE_CLAIM = Duration.ofMinutes(10);

  private final Path dir;
  private final SecureRandom random;
  private final Clock clock;

  /** @param dir where the link files live, e.g. {@code $GARDIEN_HOME/links} */
  public LinkStore(Path dir, SecureRandom random, Clock clock) {
    this.dir = dir;
    this.random = random;
    this.clock = clock;
  }

  /** Whether {@code id} has the shape of a link id (says nothing about whether it exists). */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** A new random link id. */
  public String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Stores a new link {@code id} holding {@code sealed}, expiring {@code ttl} from now. */
  public synchronized CredentialLink save(String id, String server, List<String> names, Duration ttl, byte[] sealed) {
    if (!isId(id)) {
      throw new CredentialLinkException("not a link id: " + id);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    CredentialLink link = new CredentialLink(id, server, names, now, now.plus(ttl), null);
    try {
      PrivateFiles.directory(dir);
      if (!PrivateFiles.createOnce(file(id), encode(link, sealed))) {
        throw new CredentialLinkException("link " + id + " exists already");
      }
    } catch (IOException e) {
      throw new CredentialLinkException("cannot write " + file(id) + ": " + e.getClass().getSimpleName(), e);
    }
    return link;
  }

  /**
   * The ciphertext of link {@code id}, once: the link is marked viewed as it is handed out. An
   * expired link is deleted and reported {@link LinkFetch.Gone}.
   */
  public synchronized LinkFetch take(String id) {
    if (!isId(id)) {
      return new LinkFetch.Unknown();
    }
    Instant now = clock.instant();
    Optional<Stored> stored = read(file(id));
    if (stored.isEmpty()) {
      return new LinkFetch.Unknown();
    }
    CredentialLink link = stored.get().link();
    if (link.expired(now)) {
      delete(file(id));
      return new LinkFetch.Gone();
    }
    if (link.viewed() != null) {
      return new LinkFetch.Gone();
    }
    // a name of its own for each claim: two claimers never share the file they read
    Path claimed = dir.resolve("." + id + "." + newId() + ".taken");
    try {
      Files.move(file(id), claimed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return new LinkFetch.Gone(); // another process took it (or revoked it) just now
    } catch (IOException e) {
      throw new CredentialLinkException("cannot claim link " + id + ": " + e.getClass().getSimpleName(), e);
    }
    try {
      Optional<Stored> won = read(claimed);
      if (won.isEmpty()) {
        return new LinkFetch.Gone();
      }
      if (won.get().sealed() == null || won.get().link().viewed() != null) {
        putBack(claimed, file(id)); // we claimed another taker's tombstone
        return new LinkFetch.Gone();
      }
      CredentialLink viewed = won.get().link().viewedAt(now);
      PrivateFiles.replace(file(id), encode(viewed, null));
      return new LinkFetch.Sealed(viewed, won.get().sealed());
    } catch (IOException e) {
      throw new CredentialLinkException("cannot mark link " + id + " viewed: " + e.getClass().getSimpleName(), e);
    } finally {
      delete(claimed);
    }
  }

  /** Puts a claimed tombstone back (over another tombstone of the same link, if one is there). */
  private static void putBack(Path claimed, Path file) throws IOException {
    Files.move(claimed, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The links of {@code server} (every server's when null), oldest first, viewed ones included. */
  public synchronized List<CredentialLink> list(String server) {
    List<CredentialLink> links = new ArrayList<>();
    for (Path file : files()) {
      read(file).map(Stored::link)
          .filter(l -> server == null || l.server().equals(server))
          .ifPresent(links::add);
    }
    links.sort(Comparator.comparing(CredentialLink::created).thenComparing(CredentialLink::id));
    return links;
  }

  /**
   * Deletes the links of {@code server} that could still be opened, except {@code keepId} (may be
   * null).
   *
   * @return the links revoked
   */
  public synchronized List<CredentialLink> revoke(String server, String keepId) {
    Instant now = clock.instant();
    List<CredentialLink> revoked = new ArrayList<>();
    for (CredentialLink link : list(server)) {
      if (link.active(now) && !link.id().equals(keepId)) {
        delete(file(link.id()));
        revoked.add(link);
      }
    }
    return revoked;
  }

  /** Deletes link {@code id} (a link that could not be delivered); false when there was none. */
  public synchronized boolean remove(String id) {
    if (!isId(id)) {
      return false;
    }
    boolean existed = Files.exists(file(id));
    delete(file(id));
    return existed;
  }

  /**
   * Deletes the links whose time is up, viewed or not, and claims left behind by a process that
   * stopped while handing out a link.
   *
   * @return how many links were deleted
   */
  public synchronized int purge() {
    Instant now = clock.instant();
    deleteStaleClaims();
    int purged = 0;
    for (Path file : files()) {
      Optional<Stored> stored = read(file);
      if (stored.isPresent() && stored.get().link().expired(now)) {
        delete(file);
        purged++;
      }
    }
    return purged;
  }

  private void deleteStaleClaims() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> claims = Files.newDirectoryStream(dir, ".*.taken")) {
      for (Path claim : claims) {
        if (Files.getLastModifiedTime(claim).toInstant().isBefore(Instant.now().minus(STALE_CLAIM))) {
          Files.deleteIfExists(claim);
        }
      }
    } catch (IOException e) {
      throw new CredentialLinkException("cannot clean " + dir + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** The file of link {@code id}. */
  Path file(String id) {
    return dir.resolve(id + SUFFIX);
  }

  private List<Path> files() {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : stream) {
        String name = file.getFileName().toString();
        if (isId(name.substring(0, name.length() - SUFFIX.length()))) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new CredentialLinkException("cannot list " + dir + ": " + e.getClass().getSimpleName(), e);
    }
    return files;
  }

  private static byte[] encode(CredentialLink link, byte[] sealed) throws IOException {
    ObjectNode doc = JSON.createObjectNode()
        .put("id", link.id())
        .put("server", link.server())
        .put("created", link.created().toString())
        .put("expires", link.expires().toString())
        .put("viewed", link.viewed() == null ? null : link.viewed().toString());
    link.names().forEach(doc.putArray("names")::add);
    doc.put("ciphertext", sealed == null ? null : Base64.getEncoder().encodeToString(sealed));
    return JSON.writeValueAsBytes(doc);
  }

  private static Optional<Stored> read(Path file) {
    JsonNode doc;
    try {
      doc = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CredentialLinkException("cannot read link file " + file + ": " + e.getClass().getSimpleName(), e);
    }
    try {
      List<String> names = new ArrayList<>();
      doc.get("names").forEach(n -> names.add(n.textValue()));
      CredentialLink link = new CredentialLink(doc.get("id").textValue(), doc.get("server").textValue(), names,
          Instant.parse(doc.get("created").textValue()), Instant.parse(doc.get("expires").textValue()),
          doc.path("viewed").isTextual() ? Instant.parse(doc.get("viewed").textValue()) : null);
      byte[] sealed = doc.path("ciphertext").isTextual()
          ? Base64.getDecoder().decode(doc.get("ciphertext").textValue()) : null;
      return Optional.of(new Stored(link, sealed));
    } catch (RuntimeException e) {
      throw new CredentialLinkException("link file " + file + " is not valid", e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new CredentialLinkException("cannot delete " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private record Stored(CredentialLink link, byte[] sealed) {}
}
