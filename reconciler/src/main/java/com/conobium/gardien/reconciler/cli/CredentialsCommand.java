package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.reconciler.credentials.CredentialSharer;
import com.conobium.gardien.reconciler.credentials.LinkMailer;
import com.conobium.gardien.reconciler.credentials.LinkServer;
import com.conobium.gardien.reconciler.credentials.LinkStore;
import com.conobium.gardien.reconciler.notify.MailNotifier;
import com.conobium.gardien.reconciler.notify.NotifyException;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gardien credentials share|revoke|list|serve}: hands a server's generated secrets to the
 * customer through one-time, expiring, end-to-end encrypted links (docs/credentials.md).
 */
@Command(
    name = "credentials",
    mixinStandardHelpOptions = true,
    description = {
      "One-time, expiring links to a server's generated credentials. The credentials are encrypted",
      "with a key that lives only in the link's #fragment; Gardien keeps only the ciphertext."
    },
    subcommands = {
      CredentialsCommand.Share.class,
      CredentialsCommand.Revoke.class,
      CredentialsCommand.ListLinks.class,
      CredentialsCommand.Serve.class
    })
final class CredentialsCommand implements Runnable {
  /** Where {@code credentials serve} is reached by default, for the links' addresses (also {@code run --link-base-url}). */
  static final String LINK_BASE_URL = "${env:GARDIEN_LINK_BASE_URL:-http://127.0.0.1:8443}";

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: share, revoke, list or serve");
  }

  /** {@code gardien credentials share SERVER}. */
  @Command(name = "share", mixinStandardHelpOptions = true,
      description = {
        "Makes a new link to a server's credentials and prints it, or mails it with --to.",
        "The server's older links stop working once the new one is delivered."
      })
  static final class Share implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name.")
    String server;

    @Option(names = "--secret", paramLabel = "NAME",
        description = "A secret to include, e.g. admin-password (repeatable; default: all of the server's).")
    List<String> names = new ArrayList<>();

    @Option(names = "--ttl", defaultValue = "72h", paramLabel = "DURATION", converter = TtlConverter.class,
        description = "How long the link works if nobody opens it: 72h (default), 3d, 30m, at most 30d.")
    Duration ttl;

    @Option(names = "--to", paramLabel = "EMAIL",
        description = "Mail the link to this address through the Fleet's SMTP relay instead of printing it.")
    String to;

    @Option(names = "--base-url", paramLabel = "URL",
        defaultValue = LINK_BASE_URL,
        description = "Where 'gardien credentials serve' is reached (default: $GARDIEN_LINK_BASE_URL, "
            + "else http://127.0.0.1:8443).")
    String baseUrl;

    @Option(names = "--repo", defaultValue = ".", paramLabel = "REPO_DIR",
        description = "The config repository, for the Fleet's SMTP relay (with --to; default: the current directory).")
    Path repo;

    @Mixin OutputOptions output;

    private final CredentialSharer sharer;
    private final RepoReader reader;
    private final Printer printer;
    private final SecretStore secrets;

    @Inject
    Share(CredentialSharer sharer, RepoReader reader, Printer printer, SecretStore secrets) {
      this.sharer = sharer;
      this.reader = reader;
      this.printer = printer;
      this.secrets = secrets;
    }

    @Override
    public Integer call() {
      LinkMailer mailer = null;
      if (to != null) {
        ConfigRepo config;
        try {
          config = reader.read(repo);
        } catch (InvalidConfigException e) {
          printer.invalid(output.format(), repo, e.problems());
          return ExitCode.INVALID_CONFIG;
        }
        if (config.server(server).isEmpty()) {
          printer.error("no server named " + server + " in " + repo);
          return ExitCode.USAGE;
        }
        try {
          mailer = new LinkMailer(MailNotifier.of(config.fleet(), secrets));
        } catch (NotifyException e) {
          printer.error(e.getMessage() + " (in " + repo + ")");
          return ExitCode.FAILURE;
        }
      }
      LinkMailer delivery = mailer;
      CredentialSharer.Delivered delivered = sharer.shareAndDeliver(server, names, ttl, baseUrl,
          shared -> {
            if (delivery != null) {
              delivery.send(to, shared);
            }
          });
      printer.shared(output.format(), delivered.shared(), to, delivered.revoked());
      return ExitCode.OK;
    }
  }

  /** {@code gardien credentials revoke SERVER}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Makes every unopened link of a server stop working.")
  static final class Revoke implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name.")
    String server;

    @Mixin OutputOptions output;

    private final LinkStore links;
    private final Printer printer;

    @Inject
    Revoke(LinkStore links, Printer printer) {
      this.links = links;
      this.printer = printer;
    }

    @Override
    public Integer call() {
      printer.revokedLinks(output.format(), server, links.revoke(server, null));
      return ExitCode.OK;
    }
  }

  /** {@code gardien credentials list [SERVER]}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the links Gardien holds (ids, dates, state), never a key or a secret.")
  static final class ListLinks implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "Only this server's links.")
    String server;

    @Mixin OutputOptions output;

    private final LinkStore links;
    private final Printer printer;

    @Inject
    ListLinks(LinkStore links, Printer printer) {
      this.links = links;
      this.printer = printer;
    }

    @Override
    public Integer call() {
      printer.links(output.format(), links.list(server));
      return ExitCode.OK;
    }
  }

  /** {@code gardien credentials serve [--listen HOST:PORT]}. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = {
        "Serves the link pages and ciphertexts over HTTP until stopped.",
        "Put an HTTPS reverse proxy in front of it: browsers decrypt only on https or loopback."
      })
  static final class Serve implements Callable<Integer> {
    @Option(names = "--listen", defaultValue = "127.0.0.1:8443", paramLabel = "HOST:PORT",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String listen;

    private final LinkStore links;
    private final Printer printer;

    @Inject
    Serve(LinkStore links, Printer printer) {
      this.links = links;
      this.printer = printer;
    }

    @Override
    public Integer call() {
      InetSocketAddress address;
      try {
        address = parse(listen);
      } catch (IllegalArgumentException e) {
        printer.error("--listen: " + e.getMessage());
        return ExitCode.USAGE;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      try (LinkServer server = new LinkServer(links)) {
        InetSocketAddress bound = server.start(address);
        Thread hook = new Thread(() -> {
          server.close();
          stopped.countDown();
        }, "gardien-links-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        printer.serving(bound);
        try {
          stopped.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook anyway
          }
        }
        return ExitCode.OK;
      } catch (IOException e) {
        printer.error("cannot listen on " + listen + ": " + e.getMessage());
        return ExitCode.FAILURE;
      }
    }

    static InetSocketAddress parse(String hostPort) {
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("expected HOST:PORT, got " + hostPort);
      }
      String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a port: " + hostPort.substring(colon + 1));
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      return new InetSocketAddress(host, port);
    }
  }
}
