package com.conobium.gardien.reconciler.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.Map;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.junit.jupiter.api.Test;

/** Gardien's logging as the environment sets it: the level, the format, the quieter libraries. */
class LogSetupTest {
  @Test
  void byDefaultWarningsAndAboveAsTextLinesOnStandardError() {
    Logger root = configured(Map.of());

    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) root.getAppender("stderr");
    assertThat(appender.isStarted()).isTrue();
    assertThat(((LayoutWrappingEncoder<ILoggingEvent>) appender.getEncoder()).getLayout()).isInstanceOf(TextLogLayout.class);
  }

  @Test
  void theEnvironmentSetsTheLevelAndTheJsonFormat() {
    Logger root = configured(Map.of(LogSetup.LEVEL_ENV, "debug", LogSetup.FORMAT_ENV, "json"));

    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(((OutputStreamAppender<ILoggingEvent>) root.getAppender("stderr")).getEncoder())
        .isInstanceOf(LoggingEventCompositeJsonEncoder.class);
  }

  @Test
  void anUnknownLevelIsTheDefaultNotDebug() {
    assertThat(configured(Map.of(LogSetup.LEVEL_ENV, "loud")).getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void theSshLibraryOnlySaysErrors() {
    LoggerContext context = new LoggerContext();
    LogSetup.configure(context, Map.of(LogSetup.LEVEL_ENV, "INFO"));

    assertThat(context.getLogger("org.apache.sshd.client.session").getEffectiveLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("com.conobium.gardien.reconciler.daemon.ServerJob").getEffectiveLevel())
        .isEqualTo(Level.INFO);
  }

  @Test
  void aLogbackTestFileOnTheClassPathTakesPrecedence() {
    LoggerContext context = new LoggerContext();
    LogSetup setup = new LogSetup();
    setup.setContext(context);

    // the tests' logback-test.xml is on this class path
    assertThat(setup.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stderr")).isNull();
  }

  private static Logger configured(Map<String, String> env) {
    LoggerContext context = new LoggerContext();
    LogSetup.configure(context, env);
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }
}
