package com.conobium.gardien.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The servers {@link MonitorBenchmark} watches, simulated in a process of their own so that their
 * CPU is not counted as the controller's: on 127.0.0.1 an SSH banner (port 2222), a site over
 * HTTP (80) and over HTTPS (443, a self-signed certificate); on 127.0.0.2 the same ports accept
 * and never answer, as a server that hangs does. Prints {@code READY} when listening.
 */
public final class LoopbackEndpoints {
  private LoopbackEndpoints() {}

  public static void main(String[] args) throws Exception {
    ExecutorService workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
    InetAddress up = InetAddress.getByName("127.0.0.1");
    InetAddress hung = InetAddress.getByName("127.0.0.2");
    ServerSocketFactory plain = ServerSocketFactory.getDefault();
    serve(workers, plain.createServerSocket(2222, 512, up), LoopbackEndpoints::banner);
    serve(workers, plain.createServerSocket(80, 512, up), LoopbackEndpoints::http);
    serve(workers, tls().getServerSocketFactory().createServerSocket(443, 512, up), LoopbackEndpoints::http);
    for (int port : new int[] {2222, 80, 443}) {
      serve(workers, plain.createServerSocket(port, 512, hung), LoopbackEndpoints::silent);
    }
    System.out.println("READY");
    System.out.flush();
    Thread.currentThread().join();
  }

  private interface Handler {
    void handle(Socket s) throws Exception;
  }

  private static void serve(ExecutorService workers, ServerSocket server, Handler handler) {
    workers.submit(() -> {
      while (true) {
        Socket s = server.accept();
        workers.submit(() -> {
          try (s) {
            handler.handle(s);
          } catch (Exception e) {
            // the monitor closed first
          }
          return null;
        });
      }
    });
  }

  private static void banner(Socket s) throws Exception {
    s.getOutputStream().write("SSH-2.0-OpenSSH_10.0p2 Debian-7\r\n".getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    drain(s.getInputStream());
  }

  private static void http(Socket s) throws Exception {
    InputStream in = s.getInputStream();
    int last = 0;
    int c;
    int newlines = 0;
    while ((c = in.read()) >= 0) { // until the blank line that ends the request's headers
      if (c == '\n') {
        newlines = last == '\r' || last == '\n' ? newlines + 1 : 1;
        if (newlines == 2) {
          break;
        }
      } else if (c != '\r') {
        newlines = 0;
      }
      last = c;
    }
    OutputStream out = s.getOutputStream();
    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void silent(Socket s) throws Exception {
    drain(s.getInputStream());
  }

  private static void drain(InputStream in) throws Exception {
    byte[] buffer = new byte[512];
    while (in.read(buffer) >= 0) {
      // until the monitor hangs up
    }
  }

  private static SSLContext tls() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = gen.generateKeyPair();
    X500Name name = new X500Name("CN=bench.example");
    Instant now = Instant.now();
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
        name, BigInteger.ONE, Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(60))),
        name, key.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("site", key.getPrivate(), new char[0], new X509Certificate[] {certificate});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
