package com.conobium.gardien.model;

/**
 * The database server.
 *
 * @param enabled whether MariaDB is installed and managed
 */
public record DatabaseSpec(Boolean enabled) {
  public DatabaseSpec {
    enabled = enabled == null || enabled;
  }
}
