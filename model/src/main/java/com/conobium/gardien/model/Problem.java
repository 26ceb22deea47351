package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.nio.file.Path;

/**
 * One thing wrong with a config repository, located precisely enough to fix it.
 *
 * @param file the manifest file, relative to the repository root where possible
 * @param line 1-based line, or 0 when the problem concerns a whole file
 * @param column 1-based column, or 0 when unknown
 * @param field the field path, e.g. {@code spec.sites[1].domains[0]}; empty for the whole document
 * @param message what is wrong, in plain words
 */
public record Problem(@JsonPropertyDescription("the manifest file, relative to the repository root where possible")
    Path file, @JsonPropertyDescription("1-based line, or 0 when the problem concerns a whole file")
    int line, @JsonPropertyDescription("1-based column, or 0 when unknown")
    int column, @JsonPropertyDescription("the field path, e.g. spec.sites[1].domains[0]; empty for the whole document")
    String field, @JsonPropertyDescription("what is wrong, in plain words")
    String message) {
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder().append(file);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    b.append(": ");
    if (field != null && !field.isEmpty()) {
      b.append(field).append(": ");
    }
    return b.append(message).toString();
  }
}
