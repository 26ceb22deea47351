package com.conobium.gardien.reconciler.tls;

import com.conobium.gardien.reconciler.ssh.SshException;
import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders one certificate from an ACME server with HTTP-01: registers (or finds) the account of
 * {@code accountKey}, orders the domains, answers each challenge with a file in the server's
 * webroot ({@link ChallengeFiles}), waits for validation with a bounded timeout, finalizes with a
 * CSR from a new EC P-256 key, downloads the chain and removes the challenge files.
 */
public final class CertificateIssuer {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateIssuer.class);

  private final Duration timeout;

  /** @param timeout how long to wait for each challenge and for the order to complete */
  public CertificateIssuer(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * A new certificate for {@code domains}.
   *
   * @param email the account's contact address; may be null
   * @throws CertificateIssueException with the ACME server's problem when a step fails
   */
  public IssuedCertificate issue(
      Session session, KeyPair accountKey, String email, List<String> domains, ChallengeFiles files)
      throws CertificateIssueException, SshException {
    List<String> tokens = new ArrayList<>();
    try {
      AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
      if (email != null && !email.isBlank()) {
        builder.addEmail(email);
      }
      Account account = builder.create(session);
      Order order = account.newOrder().domains(domains).create();
      for (Authorization auth : order.getAuthorizations()) {
        if (auth.getStatus() == Status.VALID) {
          continue;
        }
        String domain = auth.getIdentifier().getDomain();
        Http01Challenge challenge = auth.findChallenge(Http01Challenge.class)
            .orElseThrow(() -> new CertificateIssueException("the ACME server offers no HTTP-01 challenge for " + domain));
        files.put(challenge.getToken(), challenge.getAuthorization());
        tokens.add(challenge.getToken());
        challenge.trigger();
        Status status = challenge.waitForCompletion(timeout);
        if (status != Status.VALID) {
          throw new CertificateIssueException("the HTTP-01 challenge for " + domain + " ended " + status + ": "
              + challenge.getError().map(Problem::toString).orElse("no reason given"));
        }
        LOG.info("HTTP-01 challenge for {} valid", domain);
      }
      KeyPair domainKey = EcKeys.generate();
      order.execute(domainKey);
      Status status = order.waitForCompletion(timeout);
      if (status != Status.VALID) {
        throw new CertificateIssueException("the order for " + String.join(", ", domains) + " ended " + status
            + ": " + order.getError().map(Problem::toString).orElse("no reason given"));
      }
      org.shredzone.acme4j.Certificate certificate = order.getCertificate();
      StringWriter chain = new StringWriter();
      certificate.writeCertificate(chain);
      return new IssuedCertificate(chain.toString(), Pkcs8.pem(domainKey.getPrivate()),
          certificate.getCertificate().getNotAfter().toInstant());
    } catch (AcmeException e) {
      throw new CertificateIssueException("ACME: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CertificateIssueException("interrupted while waiting for the ACME server", e);
    } catch (IOException e) {
      throw new CertificateIssueException("cannot encode the certificate: " + e.getMessage(), e);
    } finally {
      for (String token : tokens) {
        try {
          files.remove(token);
        } catch (SshException e) {
          LOG.warn("could not remove the ACME challenge file {}: {}", token, e.getMessage());
        }
      }
    }
  }
}
