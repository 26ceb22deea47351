package com.conobium.gardien.reconciler;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A real SMTP server for a test (GreenMail) on a free port; closing stops it. */
public final class LocalSmtp implements AutoCloseable {
  private final GreenMail mail;
  private final int port;

  private LocalSmtp(GreenMail mail, int port) {
    this.mail = mail;
    this.port = port;
  }

  /** Listens on {@code bindAddress} ({@code 127.0.0.1}, or {@code 0.0.0.0} for test hosts). */
  public static LocalSmtp start(String bindAddress) {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GreenMail mail = new GreenMail(new ServerSetup(port, bindAddress, ServerSetup.PROTOCOL_SMTP));
    mail.start();
    return new LocalSmtp(mail, port);
  }

  public int port() {
    return port;
  }

  /** The server, to read what it received. */
  public GreenMail mail() {
    return mail;
  }

  @Override
  public void close() {
    mail.stop();
  }
}
