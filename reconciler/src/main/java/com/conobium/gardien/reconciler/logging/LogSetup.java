package com.conobium.gardien.reconciler.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;

/**
 * Gardien's logging, set up in code: logback finds this class through the service loader and runs
 * it before looking for an XML file, so a command parses no XML and compiles no pattern (about
 * 50 ms of a cold command, before anything else can start). Logs go to standard error, standard
 * output being for command results: one line per event in the text format ({@link TextLogLayout}),
 * or with {@code GARDIEN_LOG_FORMAT=json} one JSON object per line whose SLF4J key/value pairs are
 * fields of their own (for the daemon's log shippers). {@code GARDIEN_LOG_LEVEL} sets the level
 * (default {@code WARN}; {@code gardien run} raises Gardien's own loggers to {@code INFO}).
 *
 * <p>A logback XML file given by {@code -Dlogback.configurationFile}, or a {@code logback-test.xml}
 * on the class path (the tests'), takes precedence: this then leaves the configuration to logback.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The environment variable naming the level of the root logger. */
  public static final String LEVEL_ENV = "GARDIEN_LOG_LEVEL";
  /** The environment variable naming the format: {@code text} (the default) or {@code json}. */
  public static final String FORMAT_ENV = "GARDIEN_LOG_FORMAT";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    configure(context, System.getenv());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets up {@code context} as the environment {@code env} says: the format, the levels. */
  public static void configure(LoggerContext context, Map<String, String> env) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("stderr");
    appender.setTarget("System.err");
    appender.setEncoder(encoder(context, env.getOrDefault(FORMAT_ENV, "text")));
    appender.start();
    context.getLogger("org.apache.sshd").setLevel(Level.ERROR); // its own warnings repeat Gardien's errors
    context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(env.get(LEVEL_ENV), Level.WARN));
    root.addAppender(appender);
  }

  /** The encoder of the format named {@code format}: {@code json}, else the text lines. */
  public static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
    Encoder<ILoggingEvent> encoder = "json".equals(format) ? json() : text(context);
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    TextLogLayout layout = new TextLogLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setLayout(layout);
    return encoder;
  }

  private static Encoder<ILoggingEvent> json() {
    LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
    LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
    timestamp.setFieldName("@timestamp");
    timestamp.setTimeZone("UTC");
    providers.addTimestamp(timestamp);
    LogLevelJsonProvider level = new LogLevelJsonProvider();
    level.setFieldName("level");
    providers.addLogLevel(level);
    LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
    logger.setFieldName("logger");
    providers.addLoggerName(logger);
    LoggingEventThreadNameJsonProvider thread = new LoggingEventThreadNameJsonProvider();
    thread.setFieldName("thread");
    providers.addThreadName(thread);
    providers.addMessage(new MessageJsonProvider());
    providers.addKeyValuePairs(new KeyValuePairsJsonProvider());
    providers.addStackTrace(new StackTraceJsonProvider());
    LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
    encoder.setProviders(providers);
    return encoder;
  }
}
