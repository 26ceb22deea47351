package com.conobium.gardien.reconciler.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * Opens acme4j sessions to an ACME directory. When {@code trustedCas} exists (in Gardien's home,
 * {@code acme-ca.pem}), the directory's HTTPS certificate must be issued by one of the PEM
 * certificates it holds — for a private ACME server such as step-ca or Pebble; otherwise the JVM's
 * usual trust store applies.
 */
public final class AcmeSessions {
  private final Path trustedCas;

  /** @param trustedCas a PEM bundle of CA certificates to trust instead of the JVM's; may not exist */
  public AcmeSessions(Path trustedCas) {
    this.trustedCas = trustedCas;
  }

  /** A session to the directory at {@code directory}. */
  public Session open(String directory) {
    URI uri = URI.create(directory);
    if (!Files.isRegularFile(trustedCas)) {
      return new Session(uri);
    }
    SSLContext context = sslContext(trustedCas);
    return new Session(uri, new GenericAcmeProvider() {
      @Override
      public HttpClient createHttpClient(NetworkSettings settings) {
        return HttpClient.newBuilder()
            .sslContext(context)
            .connectTimeout(settings.getTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .proxy(settings.getProxySelector())
            .build();
      }
    });
  }

  static SSLContext sslContext(Path pemBundle) {
    try (InputStream in = Files.newInputStream(pemBundle)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new IllegalStateException(pemBundle + " holds no PEM certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot use " + pemBundle + " as trusted ACME CAs: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "AcmeSessions[trusted=" + (Files.isRegularFile(trustedCas) ? trustedCas : "JVM default") + "]";
  }
}
