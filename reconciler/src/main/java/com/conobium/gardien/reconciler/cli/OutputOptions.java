package com.conobium.gardien.reconciler.cli;

import picocli.CommandLine.Option;

/** The {@code --output} option every command shares. */
final class OutputOptions {
  @Option(names = {"-o", "--output", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default), json, or markdown (plan and apply: a pull-request comment).")
  OutputFormat format;

  OutputFormat format() {
    return format;
  }
}
