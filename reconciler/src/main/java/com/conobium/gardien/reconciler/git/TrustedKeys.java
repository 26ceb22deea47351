package com.conobium.gardien.reconciler.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The OpenPGP public keys whose commit signatures the daemon trusts: read from ASCII-armored files
 * named in the daemon's configuration (never from the config repository nor a user's keyring).
 * Each primary key and subkey of each certificate may sign.
 */
public final class TrustedKeys {
  private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
  private static final String END = "-----END PGP PUBLIC KEY BLOCK-----";

  private final Map<Long, TrustedKey> byKeyId;

  private TrustedKeys(Map<Long, TrustedKey> byKeyId) {
    this.byKeyId = Map.copyOf(byKeyId);
  }

  /**
   * One key that may sign.
   *
   * @param key the (sub)key itself
   * @param fingerprint the fingerprint of its certificate's primary key (hex, upper case)
   * @param owner the certificate's first user id ("" when none)
   * @param file the file it was read from
   */
  public record TrustedKey(PGPPublicKey key, String fingerprint, String owner, Path file) {}

  /**
   * Reads every certificate in {@code paths}: each is a file of one or more ASCII-armored public key
   * blocks, or a directory whose regular files (not hidden) are. A path that is missing, unreadable,
   * holds no public key or a damaged one is an error naming it.
   */
  public static TrustedKeys load(Collection<Path> paths) throws TrustedKeysException {
    Map<Long, TrustedKey> keys = new LinkedHashMap<>();
    for (Path path : paths) {
      for (Path file : files(path)) {
        read(file, keys);
      }
    }
    if (keys.isEmpty()) {
      throw new TrustedKeysException("no trusted key in " + paths);
    }
    return new TrustedKeys(keys);
  }

  /** The trusted key with this 64-bit id (a primary key or a subkey). */
  public Optional<TrustedKey> find(long keyId) {
    return Optional.ofNullable(byKeyId.get(keyId));
  }

  /** The fingerprints of the certificates trusted, for the start-up log. */
  public List<String> fingerprints() {
    return byKeyId.values().stream().map(TrustedKey::fingerprint).distinct().toList();
  }

  private static List<Path> files(Path path) throws TrustedKeysException {
    if (Files.isDirectory(path)) {
      try (Stream<Path> entries = Files.list(path)) {
        List<Path> files = entries.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        if (files.isEmpty()) {
          throw new TrustedKeysException("trusted keys directory " + path + " holds no key file");
        }
        return files;
      } catch (IOException e) {
        throw new TrustedKeysException("could not list trusted keys directory " + path + ": " + e.getMessage());
      }
    }
    if (!Files.isRegularFile(path)) {
      throw new TrustedKeysException("trusted key file " + path + " does not exist");
    }
    return List.of(path);
  }

  private static void read(Path file, Map<Long, TrustedKey> keys) throws TrustedKeysException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new TrustedKeysException("could not read trusted key file " + file + ": " + e.getMessage());
    }
    List<String> blocks = armoredBlocks(text);
    if (blocks.isEmpty()) {
      throw new TrustedKeysException("trusted key file " + file
          + " holds no ASCII-armored OpenPGP public key (" + BEGIN + "); export one with gpg --armor --export KEYID");
    }
    for (String block : blocks) {
      try (InputStream in = new ArmoredInputStream(
          new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)))) {
        PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        for (PGPPublicKeyRing ring : rings) {
          add(ring, file, keys);
        }
      } catch (IOException | PGPException | RuntimeException e) {
        throw new TrustedKeysException("trusted key file " + file + " holds a damaged public key: "
            + e.getMessage());
      }
    }
  }

  private static void add(PGPPublicKeyRing ring, Path file, Map<Long, TrustedKey> keys) {
    PGPPublicKey primary = ring.getPublicKey();
    String fingerprint = HexFormat.of().withUpperCase().formatHex(primary.getFingerprint());
    Iterator<String> ids = primary.getUserIDs();
    String owner = ids.hasNext() ? ids.next() : "";
    for (PGPPublicKey key : ring) {
      keys.put(key.getKeyID(), new TrustedKey(key, fingerprint, owner, file));
    }
  }

  private static List<String> armoredBlocks(String text) {
    List<String> blocks = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) {
        return blocks;
      }
      int end = text.indexOf(END, begin);
      if (end < 0) {
        blocks.add(text.substring(begin));
        return blocks;
      }
      blocks.add(text.substring(begin, end + END.length()) + "\n");
      from = end + END.length();
    }
  }
}
