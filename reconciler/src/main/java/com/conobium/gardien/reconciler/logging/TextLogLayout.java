package com.conobium.gardien.reconciler.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * The text log line: {@code HH:mm:ss.SSS LEVEL Logger message key=value …}, the logger by its
 * simple name, then the stack trace of an exception if there is one. Each SLF4J key/value pair
 * ({@code addKeyValue}) follows the message as {@code " key=value"}, in the order added, a value
 * quoted only when it holds a space, a quote, an equals sign or nothing, so
 * {@code server=web1 drift="~ timezone: …"} stays one readable line.
 */
public final class TextLogLayout extends LayoutBase<ILoggingEvent> {
  private final DateTimeFormatter time;

  /** Times in the system's time zone. */
  public TextLogLayout() {
    this(ZoneId.systemDefault());
  }

  TextLogLayout(ZoneId zone) {
    this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    time.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
    String level = event.getLevel().toString();
    line.append(' ').append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
    String logger = event.getLoggerName();
    line.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(' ');
    line.append(event.getFormattedMessage());
    appendPairs(event.getKeyValuePairs(), line);
    line.append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
    }
    return line.toString();
  }

  /** Appends {@code " key=value"} for each pair; nothing when there is none. */
  static void appendPairs(List<KeyValuePair> pairs, StringBuilder line) {
    if (pairs == null) {
      return;
    }
    for (KeyValuePair pair : pairs) {
      line.append(' ').append(pair.key).append('=').append(text(pair.value));
    }
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
