package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Boots one throwaway Debian 13 server for the README's demo and keeps it running until this
 * process is stopped (SIGTERM or Ctrl-C), then powers it off and removes it. Writes what is needed
 * to reach it, as shell variables, to the file named by the first argument.
 */
public final class DemoHost {
  private DemoHost() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: DemoHost ENV_FILE");
      System.exit(2);
    }
    TestHosts hosts = TestHosts.start(CacheDir.fromEnvironment());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hosts.close();
      stopped.countDown();
    }));
    TestHost host = hosts.boot();
    Path env = Path.of(args[0]);
    Files.writeString(env.resolveSibling(env.getFileName() + ".tmp"),
        "HOST_NAME=" + host.name() + "\nHOST_ADDRESS=" + host.address() + "\nHOST_KEY='"
            + host.hostPublicKey() + "'\nROOT_KEY=" + host.rootKey() + "\n");
    Files.move(env.resolveSibling(env.getFileName() + ".tmp"), env);
    System.err.println("demo host " + host.name() + " is up at " + host.address() + " (booted in "
        + host.bootTime().toMillis() + " ms)");
    stopped.await();
  }
}
