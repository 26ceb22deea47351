package com.conobium.gardien.reconciler.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** An exec request run by this machine's {@code /bin/sh -c}, streams piped both ways (also the Git tests' SSH server). */
public final class ShellCommand implements Command {
  private final String command;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;
  private Process process;

  public ShellCommand(String command) {
    this.command = command;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) throws IOException {
    process = new ProcessBuilder("/bin/sh", "-c", command).start();
    daemon(() -> pump(in, process.getOutputStream(), true));
    Thread outPump = daemon(() -> pump(process.getInputStream(), out, false));
    Thread errPump = daemon(() -> pump(process.getErrorStream(), err, false));
    daemon(() -> {
      try {
        int status = process.waitFor();
        outPump.join();
        errPump.join();
        exit.onExit(status);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void pump(InputStream from, OutputStream to, boolean closeAfter) {
    try {
      byte[] buf = new byte[8192];
      int n;
      while ((n = from.read(buf)) >= 0) {
        to.write(buf, 0, n);
        to.flush();
      }
      if (closeAfter) {
        to.close();
      }
    } catch (IOException e) {
      // the other side went away
    }
  }

  @Override
  public void destroy(ChannelSession channel) {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
