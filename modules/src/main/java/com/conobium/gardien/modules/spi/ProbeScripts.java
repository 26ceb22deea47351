package com.conobium.gardien.modules.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads shell scripts kept as text resources next to the class that uses them. */
public final class ProbeScripts {
  private ProbeScripts() {}

  /**
   * The text of the resource {@code name}, looked up relative to {@code owner}'s package.
   *
   * @throws IllegalStateException when the resource is missing (a packaging bug)
   */
  public static String load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + name + " next to " + owner.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
