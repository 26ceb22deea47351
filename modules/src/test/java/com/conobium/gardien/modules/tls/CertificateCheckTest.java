package com.conobium.gardien.modules.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateCheckTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final List<String> DOMAINS = List.of("shop.example", "www.shop.example");
  final KeyPair key = TestCertificates.ecKey();

  String cert(List<String> names, Duration validFor) {
    return TestCertificates.certificate(key, names, NOW.minus(Duration.ofDays(1)), NOW.plus(validFor));
  }

  @Test
  void aMatchingCurrentCertificateForTheDomainsPasses() {
    CertificatePair pair = CertificatePair.parse(cert(DOMAINS, Duration.ofDays(90)), TestCertificates.key(key));

    assertThat(CertificateCheck.problem(pair, DOMAINS, NOW)).isEmpty();
    assertThat(pair.keyMatches()).isTrue();
    assertThat(pair.dnsNames()).containsExactly("shop.example", "www.shop.example");
  }

  @Test
  void rsaKeysInPkcs1AreReadAndMatched() {
    KeyPair rsa = TestCertificates.rsaKey();
    String chain = TestCertificates.certificate(rsa, DOMAINS, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)));

    assertThat(TestCertificates.key(rsa)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(CertificateCheck.problem(CertificatePair.parse(chain, TestCertificates.key(rsa)), DOMAINS, NOW)).isEmpty();
    assertThat(CertificatePair.parse(chain, TestCertificates.key(key)).keyMatches()).isFalse();
  }

  @Test
  void ecKeysInSec1AndEd25519KeysAreReadAndMatched() {
    String sec1 = TestCertificates.sec1Key(key);
    assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(CertificateCheck.problem(CertificatePair.parse(cert(DOMAINS, Duration.ofDays(90)), sec1), DOMAINS, NOW)).isEmpty();
    KeyPair ed = TestCertificates.ed25519Key();
    String chain = TestCertificates.certificate(ed, DOMAINS, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)));
    assertThat(CertificateCheck.problem(CertificatePair.parse(chain, TestCertificates.key(ed)), DOMAINS, NOW)).isEmpty();
    assertThat(CertificatePair.parse(chain, TestCertificates.key(TestCertificates.ed25519Key())).keyMatches()).isFalse();
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    CertificatePair pair = CertificatePair.parse(cert(DOMAINS, Duration.ofDays(90)),
        TestCertificates.key(TestCertificates.ecKey()));

    assertThat(CertificateCheck.problem(pair, DOMAINS, NOW))
        .contains("the private key does not belong to the certificate");
  }

  @Test
  void aCertificateMissingADomainIsRefusedNamingIt() {
    CertificatePair pair = CertificatePair.parse(cert(List.of("shop.example"), Duration.ofDays(90)), TestCertificates.key(key));

    assertThat(CertificateCheck.problem(pair, DOMAINS, NOW))
        .contains("the certificate does not cover www.shop.example (it names shop.example)");
  }

  @Test
  void anExpiredCertificateIsRefused() {
    String chain = TestCertificates.certificate(key, DOMAINS, NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(10)));

    assertThat(CertificateCheck.problem(CertificatePair.parse(chain, TestCertificates.key(key)), DOMAINS, NOW))
        .contains("the certificate expired on 2026-11-15T12:00:00Z");
  }

  @Test
  void aWildcardCoversOneLabel() {
    assertThat(CertificatePair.covers(List.of("*.shop.example"), "www.shop.example")).isTrue();
    assertThat(CertificatePair.covers(List.of("*.shop.example"), "shop.example")).isFalse();
    assertThat(CertificatePair.covers(List.of("*.shop.example"), "a.b.shop.example")).isFalse();
    assertThat(CertificatePair.covers(List.of("shop.example"), "SHOP.example")).isTrue();
  }

  @Test
  void orderReasons() {
    String pem = TestCertificates.key(key);
    assertThat(CertificateCheck.orderReason(Optional.empty(), Optional.empty(), DOMAINS, NOW, CertificateCheck.RENEW_BEFORE))
        .contains("no certificate issued yet");
    assertThat(CertificateCheck.orderReason(Optional.of(cert(DOMAINS, Duration.ofDays(90))), Optional.of(pem), DOMAINS, NOW, CertificateCheck.RENEW_BEFORE))
        .isEmpty();
    assertThat(CertificateCheck.orderReason(Optional.of(cert(DOMAINS, Duration.ofDays(29))), Optional.of(pem), DOMAINS, NOW, CertificateCheck.RENEW_BEFORE))
        .contains("the certificate expires on 2026-12-24T12:00:00Z, within 30 days");
    assertThat(CertificateCheck.orderReason(Optional.of(cert(DOMAINS, Duration.ofDays(90))), Optional.of(pem),
        List.of("shop.example", "new.shop.example"), NOW, CertificateCheck.RENEW_BEFORE))
        .hasValueSatisfying(r -> assertThat(r).contains("does not cover new.shop.example"));
    assertThat(CertificateCheck.orderReason(Optional.of("garbage"), Optional.of(pem), DOMAINS, NOW, CertificateCheck.RENEW_BEFORE))
        .hasValueSatisfying(r -> assertThat(r).startsWith("the stored certificate is unreadable"));
  }

  @Test
  void unreadablePemSaysSoWithoutQuotingIt() {
    assertThatThrownBy(() -> CertificatePair.parse(cert(DOMAINS, Duration.ofDays(9)), "-----BEGIN PRIVATE KEY-----\nSECRETSTUFF\n-----END PRIVATE KEY-----\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("SECRETSTUFF");
    assertThatThrownBy(() -> CertificatePair.parse("nope", TestCertificates.key(key)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not a PEM certificate chain");
  }
}
