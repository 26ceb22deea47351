package com.conobium.gardien.reconciler.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Writes an event's key/value pairs (SLF4J's {@code addKeyValue}) for the text log format as
 * {@code " key=value"} each, in the order they were added: a value is quoted only when it holds a
 * space, a quote, an equals sign or nothing, so {@code server=web1 drift="~ timezone: …"} reads as
 * before. Nothing is written for an event without pairs. Pattern word {@code %kv} (logback.xml).
 */
public final class KeyValueConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs == null || pairs.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (KeyValuePair pair : pairs) {
      b.append(' ').append(pair.key).append('=').append(text(pair.value));
    }
    return b.toString();
  }

  /** The value as written: bare, or quoted with {@code "} and {@code \} escaped. */
  static String text(Object value) {
    String s = String.valueOf(value);
    if (!s.isEmpty() && s.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '=')) {
      return s;
    }
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
