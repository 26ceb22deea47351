package com.conobium.gardien.reconciler.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class LinkCipherTest {
  static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";
  final LinkCipher cipher = new LinkCipher(new SecureRandom());
  final byte[] plain = "{\"v\":1,\"credentials\":[]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void decryptsWhatItEncrypts() {
    byte[] key = cipher.newKey();
    byte[] sealed = cipher.seal(key, ID, plain);

    assertThat(cipher.open(key, ID, sealed)).isEqualTo(plain);
    assertThat(cipher.seal(key, ID, plain)).as("a new IV each time").isNotEqualTo(sealed);
  }

  /**
   * The layout the link page's WebCrypto code reads: "GCL1", a 12-byte IV, then ciphertext and its
   * 16-byte tag, with the id as additional data. Decrypted here with a plain JCE call that follows
   * only that description, as the page does with {@code crypto.subtle.decrypt}.
   */
  @Test
  void theLayoutIsWhatThePageDecrypts() throws Exception {
    byte[] key = cipher.newKey();
    byte[] sealed = cipher.seal(key, ID, plain);

    assertThat(new String(sealed, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("GCL1");
    assertThat(sealed).hasSize(4 + 12 + plain.length + 16);
    Cipher page = Cipher.getInstance("AES/GCM/NoPadding");
    page.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
        new GCMParameterSpec(128, Arrays.copyOfRange(sealed, 4, 16)));
    page.updateAAD(ID.getBytes(StandardCharsets.UTF_8));
    assertThat(page.doFinal(Arrays.copyOfRange(sealed, 16, sealed.length))).isEqualTo(plain);
  }

  @Test
  void theKeyTravelsAs43Base64UrlCharacters() {
    byte[] key = cipher.newKey();
    String text = LinkCipher.encodeKey(key);

    assertThat(text).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(LinkCipher.decodeKey(text)).isEqualTo(key);
    assertThatThrownBy(() -> LinkCipher.decodeKey(text.substring(1))).isInstanceOf(CredentialLinkException.class);
    assertThatThrownBy(() -> LinkCipher.decodeKey(text.substring(1) + "+")).isInstanceOf(CredentialLinkException.class);
  }

  @Test
  void anotherKeyAnotherIdOrAlteredBytesDoNotDecrypt() {
    byte[] key = cipher.newKey();
    byte[] sealed = cipher.seal(key, ID, plain);
    byte[] altered = sealed.clone();
    altered[20] ^= 1;

    assertThatThrownBy(() -> cipher.open(cipher.newKey(), ID, sealed))
        .isInstanceOf(CredentialLinkException.class).hasMessageContaining("does not decrypt");
    assertThatThrownBy(() -> cipher.open(key, "BAAAAAAAAAAAAAAAAAAAAA", sealed))
        .isInstanceOf(CredentialLinkException.class);
    assertThatThrownBy(() -> cipher.open(key, ID, altered)).isInstanceOf(CredentialLinkException.class);
    assertThatThrownBy(() -> cipher.open(key, ID, ByteBuffer.allocate(40).put("GSS1".getBytes()).array()))
        .isInstanceOf(CredentialLinkException.class).hasMessageContaining("not a credential-link");
    assertThatThrownBy(() -> cipher.seal(new byte[16], ID, plain)).isInstanceOf(CredentialLinkException.class);
  }
}
