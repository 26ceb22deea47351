package com.conobium.gardien.reconciler.dashboard;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's HTML, from Mustache templates on the class path (the engine the reports use):
 * every value is HTML-escaped unless a template says otherwise ({@code {{{chart}}}}, the
 * server-drawn SVG). An empty text counts as absent in a section ({@code {{#error}}…{{/error}}}).
 */
final class Pages {
  private static final String ROOT = "/com/conobium/gardien/reconciler/dashboard/";

  private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).defaultValue("").emptyStringIsFalse(true)
      .withLoader(name -> reader(name + ".mustache"));
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();
  private final Map<String, Object> common;

  Pages(String version) {
    this.common = Map.of("version", version);
  }

  /** The page {@code name} with {@code model} and the layout's own values ({@code common}). */
  String render(String name, Map<String, Object> layout, Map<String, Object> model) {
    Map<String, Object> all = new HashMap<>(common);
    all.putAll(layout);
    all.putAll(model);
    return compiled.computeIfAbsent(name, n -> compiler.compile(reader(n + ".mustache"))).execute(all);
  }

  /** A file served under {@code /static/}. */
  static byte[] staticFile(String name) {
    try (InputStream in = Pages.class.getResourceAsStream(ROOT + "static/" + name)) {
      if (in == null) {
        return null;
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reader reader(String file) {
    InputStream in = Pages.class.getResourceAsStream(ROOT + file);
    if (in == null) {
      throw new IllegalStateException("no dashboard template " + file);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
