package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The database server.
 *
 * @param enabled whether MariaDB is installed and managed
 */
public record DatabaseSpec(@JsonPropertyDescription("whether MariaDB is installed and managed")
    Boolean enabled) {
  public DatabaseSpec {
    enabled = enabled == null || enabled;
  }
}
