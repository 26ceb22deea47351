package com.conobium.gardien.model;

import java.util.Map;

/** Identity of a manifest: its unique name and free-form labels. */
public record Metadata(String name, Map<String, String> labels) {
  public Metadata {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
