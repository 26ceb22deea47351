package com.conobium.gardien.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysTest {
  @TempDir Path tmp;

  @Test
  void readsSeveralKeysFromOneFileAndFromADirectory() throws Exception {
    PgpTestKey a = new PgpTestKey("A <a@example.com>");
    PgpTestKey b = new PgpTestKey("B <b@example.com>");
    PgpTestKey c = new PgpTestKey("C <c@example.com>");
    Path both = Files.writeString(tmp.resolve("team.asc"), a.armoredPublicKey() + "\n" + b.armoredPublicKey());
    Path dir = Files.createDirectories(tmp.resolve("keys.d"));
    Files.writeString(dir.resolve("c.asc"), c.armoredPublicKey());
    Files.writeString(dir.resolve(".hidden"), "not a key");

    TrustedKeys keys = TrustedKeys.load(List.of(both, dir));

    for (PgpTestKey k : List.of(a, b, c)) {
      assertThat(keys.find(HexFormat.fromHexDigitsToLong(k.keyId()))).isPresent();
    }
    assertThat(keys.find(HexFormat.fromHexDigitsToLong(a.keyId())).orElseThrow().file()).isEqualTo(both);
    assertThat(keys.fingerprints()).hasSize(3);
  }

  @Test
  void aFileWithoutAPublicKeyIsAnErrorNamingIt() throws Exception {
    Path file = Files.writeString(tmp.resolve("ops.asc"), "ssh-ed25519 AAAAC3Nza ops@example.com\n");

    assertThatThrownBy(() -> TrustedKeys.load(List.of(file)))
        .isInstanceOf(TrustedKeysException.class)
        .hasMessage("trusted key file " + file + " holds no ASCII-armored OpenPGP public key "
            + "(-----BEGIN PGP PUBLIC KEY BLOCK-----); export one with gpg --armor --export KEYID");
  }

  @Test
  void aDamagedKeyIsAnErrorNamingTheFile() throws Exception {
    String armored = new PgpTestKey("A <a@example.com>").armoredPublicKey();
    String[] lines = armored.split("\n");
    lines[3] = "!!!!" + lines[3].substring(4);
    Path file = Files.writeString(tmp.resolve("ops.asc"), String.join("\n", lines));

    assertThatThrownBy(() -> TrustedKeys.load(List.of(file)))
        .isInstanceOf(TrustedKeysException.class)
        .hasMessageStartingWith("trusted key file " + file + " holds a damaged public key");
  }

  @Test
  void aMissingFileIsAnErrorNamingIt() {
    Path file = tmp.resolve("nope.asc");

    assertThatThrownBy(() -> TrustedKeys.load(List.of(file)))
        .hasMessage("trusted key file " + file + " does not exist");
  }

  @Test
  void anEmptyDirectoryIsAnErrorNamingIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("keys.d"));

    assertThatThrownBy(() -> TrustedKeys.load(List.of(dir)))
        .hasMessage("trusted keys directory " + dir + " holds no key file");
  }
}
