package com.conobium.gardien.reconciler.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The report's template ({@code report.mustache}), stylesheet ({@code report.css}) and logo
 * ({@code logo.png}): each from the operator's directory when it has the file (the config
 * repository's {@code reports/}), else Gardien's own.
 */
public final class ReportTemplates {
  private final Optional<Path> dir;

  private ReportTemplates(Optional<Path> dir) {
    this.dir = dir;
  }

  /** Gardien's own. */
  public static ReportTemplates builtIn() {
    return new ReportTemplates(Optional.empty());
  }

  /** The files of {@code dir} that exist, Gardien's own for the others. */
  public static ReportTemplates overriddenBy(Path dir) {
    return new ReportTemplates(Optional.of(dir));
  }

  String template() {
    return text("report.mustache");
  }

  String css() {
    return text("report.css");
  }

  /** The operator's logo as a data URI, or null without one. */
  String logoDataUri() {
    Optional<Path> logo = dir.map(d -> d.resolve("logo.png")).filter(Files::isReadable);
    if (logo.isEmpty()) {
      return null;
    }
    try {
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(logo.get()));
    } catch (IOException e) {
      throw new UncheckedIOException("the report's logo " + logo.get() + " could not be read", e);
    }
  }

  private String text(String name) {
    Optional<Path> own = dir.map(d -> d.resolve(name)).filter(Files::isReadable);
    try {
      if (own.isPresent()) {
        return Files.readString(own.get());
      }
      try (InputStream in = ReportTemplates.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the report's " + name + " could not be read", e);
    }
  }
}
