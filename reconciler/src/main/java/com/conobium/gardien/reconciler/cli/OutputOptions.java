package com.conobium.gardien.reconciler.cli;

import picocli.CommandLine.Option;

/** The {@code --output} option every command shares. */
final class OutputOptions {
  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default) or json.")
  OutputFormat format;

  OutputFormat format() {
    return format;
  }
}
