package com.conobium.gardien.reconciler.cli;

import picocli.CommandLine.Parameters;

/** Options of the commands that act on one server: which one, in which repository, how to connect. */
final class ServerOptions extends RepoOptions {
  @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name.")
  String server;
}
