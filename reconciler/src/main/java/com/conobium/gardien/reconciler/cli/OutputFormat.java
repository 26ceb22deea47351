package com.conobium.gardien.reconciler.cli;

/** How a command prints its result. */
public enum OutputFormat {
  /** For people. */
  text,
  /** One JSON document on standard output, for machines. */
  json,
  /** {@code plan} and {@code apply}: a Markdown report for a pull request; other commands print text. */
  markdown
}
