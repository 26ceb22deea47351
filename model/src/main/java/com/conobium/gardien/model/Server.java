package com.conobium.gardien.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * One managed server: its name, labels, effective spec (Server over Profile over Fleet defaults)
 * and the manifest file it came from.
 */
public record Server(String name, Map<String, String> labels, ServerSpec spec, Path source) {
  public Server {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
