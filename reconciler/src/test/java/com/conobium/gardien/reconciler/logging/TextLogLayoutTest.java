package com.conobium.gardien.reconciler.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The text log line: time, padded level, the logger's simple name, the message, then its pairs. */
class TextLogLayoutTest {
  private final TextLogLayout layout = new TextLogLayout(ZoneOffset.UTC);
  private final LoggerContext context = new LoggerContext();

  @Test
  void aLineIsTimeLevelLoggerAndMessage() {
    LoggingEvent event = event(Level.INFO, "drift found on {}", null, "web1");

    assertThat(layout.doLayout(event)).isEqualTo("14:02:11.412 INFO  ServerJob drift found on web1" + System.lineSeparator());
  }

  @Test
  void pairsFollowTheMessageInTheOrderAddedQuotedOnlyWhenNeeded() {
    LoggingEvent event = event(Level.WARN, "run finished", null);
    event.addKeyValuePair(new KeyValuePair("server", "web1"));
    event.addKeyValuePair(new KeyValuePair("round_trips", 2));
    event.addKeyValuePair(new KeyValuePair("drift", "~ motd: \"hi\" -> a=b"));
    event.addKeyValuePair(new KeyValuePair("error", ""));

    assertThat(layout.doLayout(event)).isEqualTo("14:02:11.412 WARN  ServerJob run finished"
        + " server=web1 round_trips=2 drift=\"~ motd: \\\"hi\\\" -> a=b\" error=\"\"" + System.lineSeparator());
  }

  @Test
  void aLineBreakInAValueStaysOnOneLine() {
    LoggingEvent event = event(Level.ERROR, "failed", null);
    event.addKeyValuePair(new KeyValuePair("error", "first\nsecond"));

    assertThat(layout.doLayout(event)).endsWith("ERROR ServerJob failed error=\"first\\nsecond\"" + System.lineSeparator());
  }

  @Test
  void anExceptionFollowsOnTheNextLinesWithItsStackTrace() {
    LoggingEvent event = event(Level.WARN, "could not read", new IllegalStateException("broken pipe"));

    String[] lines = layout.doLayout(event).split(System.lineSeparator());

    assertThat(lines[0]).isEqualTo("14:02:11.412 WARN  ServerJob could not read");
    assertThat(lines[1]).isEqualTo("java.lang.IllegalStateException: broken pipe");
    assertThat(lines[2]).startsWith("\tat " + TextLogLayoutTest.class.getName());
  }

  private LoggingEvent event(Level level, String message, Throwable thrown, Object... arguments) {
    LoggingEvent event = new LoggingEvent("x", context.getLogger("com.conobium.gardien.reconciler.daemon.ServerJob"),
        level, message, thrown, arguments);
    event.setTimeStamp(1_796_220_131_412L); // 2026-12-02T14:02:11.412Z
    return event;
  }
}
