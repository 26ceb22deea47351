package com.conobium.gardien.modules.tls;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Whether a certificate may serve a site: its key belongs to it, it names every domain of the
 * site, it is valid now — and, for renewal, whether it stays valid for the fleet's renewal window
 * ({@code acme.renewBefore}, {@link #RENEW_BEFORE} by default). Pure.
 */
public final class CertificateCheck {
  /** By default, a certificate that expires sooner than this is renewed (ACME) or reported (provided). */
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private CertificateCheck() {}

  /** Why {@code pair} cannot serve {@code domains} at {@code now}; empty when it can. */
  public static Optional<String> problem(CertificatePair pair, List<String> domains, Instant now) {
    if (!pair.keyMatches()) {
      return Optional.of("the private key does not belong to the certificate");
    }
    List<String> uncovered = domains.stream().filter(d -> !pair.covers(d)).toList();
    if (!uncovered.isEmpty()) {
      return Optional.of("the certificate does not cover " + String.join(", ", uncovered)
          + " (it names " + (pair.dnsNames().isEmpty() ? "no DNS name" : String.join(", ", pair.dnsNames())) + ")");
    }
    if (!pair.notAfter().isAfter(now)) {
      return Optional.of("the certificate expired on " + day(pair.notAfter()));
    }
    if (pair.notBefore().isAfter(now)) {
      return Optional.of("the certificate is not valid before " + day(pair.notBefore()));
    }
    return Optional.empty();
  }

  /** Whether a certificate valid until {@code notAfter} is due for renewal at {@code now}. */
  public static boolean expiresSoon(Instant notAfter, Instant now, Duration renewBefore) {
    return notAfter.isBefore(now.plus(renewBefore));
  }

  /**
   * Why a site's ACME certificate must be ordered (none stored, unreadable, not covering the
   * domains, expiring within {@link #RENEW_BEFORE}); empty when the stored one is good.
   */
  public static Optional<String> orderReason(
      Optional<String> chainPem, Optional<String> keyPem, List<String> domains, Instant now, Duration renewBefore) {
    if (chainPem.isEmpty() || keyPem.isEmpty()) {
      return Optional.of("no certificate issued yet");
    }
    CertificatePair pair;
    try {
      pair = CertificatePair.parse(chainPem.get(), keyPem.get());
    } catch (IllegalArgumentException e) {
      return Optional.of("the stored certificate is unreadable (" + e.getMessage() + ")");
    }
    Optional<String> problem = problem(pair, domains, now);
    if (problem.isPresent()) {
      return problem;
    }
    if (expiresSoon(pair.notAfter(), now, renewBefore)) {
      return Optional.of("the certificate expires on " + day(pair.notAfter()) + ", within "
          + describe(renewBefore));
    }
    return Optional.empty();
  }

  /** A renewal window as people read it: {@code 30 days}, or {@code 100 seconds} when not whole days. */
  public static String describe(Duration window) {
    return describe(window, "");
  }

  /** As {@link #describe(Duration)} with a word before the unit: {@code 30 more days}. */
  public static String describe(Duration window, String word) {
    String before = word.isEmpty() ? " " : " " + word + " ";
    return window.toDays() > 0 && window.equals(Duration.ofDays(window.toDays()))
        ? window.toDays() + before + "days" : window.toSeconds() + before + "seconds";
  }

  /** A date as people read it in plans, e.g. {@code 2026-12-24T10:00:00Z}. */
  public static String day(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
