package com.conobium.gardien.reconciler.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The text format's {@code key=value} pairs: bare when they can be, quoted and escaped when not. */
class KeyValueConverterTest {
  private final KeyValueConverter converter = new KeyValueConverter();

  @Test
  void pairsFollowTheMessageInTheOrderAddedQuotedOnlyWhenNeeded() {
    LoggingEvent event = event();
    event.addKeyValuePair(new KeyValuePair("server", "web1"));
    event.addKeyValuePair(new KeyValuePair("round_trips", 2));
    event.addKeyValuePair(new KeyValuePair("drift", "~ motd: \"hi\" -> a=b"));
    event.addKeyValuePair(new KeyValuePair("error", ""));

    assertThat(converter.convert(event))
        .isEqualTo(" server=web1 round_trips=2 drift=\"~ motd: \\\"hi\\\" -> a=b\" error=\"\"");
  }

  @Test
  void anEventWithoutPairsAddsNothing() {
    assertThat(converter.convert(event())).isEmpty();
  }

  @Test
  void aLineBreakInAValueStaysOnOneLine() {
    LoggingEvent event = event();
    event.addKeyValuePair(new KeyValuePair("error", "first\nsecond"));

    assertThat(converter.convert(event)).isEqualTo(" error=\"first\\nsecond\"");
  }

  private static LoggingEvent event() {
    LoggerContext context = new LoggerContext();
    return new LoggingEvent("x", context.getLogger("x"), Level.INFO, "message", null, null);
  }
}
