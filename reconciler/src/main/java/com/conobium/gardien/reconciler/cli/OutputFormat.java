package com.conobium.gardien.reconciler.cli;

/** How a command prints its result. */
public enum OutputFormat {
  /** For people. */
  text,
  /** One JSON document on standard output, for machines. */
  json
}
