package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ApplyListener;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.logging.LogSetup;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The daemon's structured log lines as Gardien's logging ({@link LogSetup}) writes them: with
 * {@code GARDIEN_LOG_FORMAT=json} each key/value pair is a JSON field of its own, in text it reads
 * {@code key=value}, and a sensitive change's values appear in neither.
 */
class DaemonLogLinesTest {
  static final String OLD_SECRET = "Old-Secret-Value-81";
  static final String NEW_SECRET = "New-Secret-Value-82";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  final Logger jobLogger = (Logger) LoggerFactory.getLogger(ServerJob.class);

  @BeforeEach
  void capture() {
    captured.start();
    jobLogger.addAppender(captured);
  }

  @AfterEach
  void release() {
    jobLogger.detachAppender(captured);
  }

  @Test
  void eachDriftAndTheRunSummaryAreOneJsonObjectWithOneFieldPerKey() throws Exception {
    runDetect();
    Encoder<ILoggingEvent> json = shippedEncoder("json");

    List<JsonNode> lines = new ArrayList<>();
    for (ILoggingEvent e : captured.list) {
      String line = new String(json.encode(e), StandardCharsets.UTF_8);
      assertThat(line).as("one line per event").endsWith("\n").doesNotContain("\n\n");
      assertThat(line.strip()).doesNotContain("\n");
      System.out.print("DaemonLogLinesTest json: " + line);
      lines.add(JSON.readTree(line));
    }

    JsonNode timezone = lines.get(0);
    assertThat(timezone.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(timezone.path("level").asText()).isEqualTo("INFO");
    assertThat(timezone.path("logger").asText()).isEqualTo(ServerJob.class.getName());
    assertThat(timezone.path("message").asText()).isEqualTo("drift found");
    assertThat(timezone.path("server").asText()).isEqualTo("web1");
    assertThat(timezone.path("module").asText()).isEqualTo("time");
    assertThat(timezone.path("drift").asText()).isEqualTo("~ timezone: Etc/UTC -> Europe/Paris");
    assertThat(timezone.path("mode").asText()).isEqualTo("detect");

    JsonNode password = lines.get(1);
    assertThat(password.path("module").asText()).isEqualTo("accounts");
    assertThat(password.path("drift").asText()).isEqualTo("~ password of root: (sensitive value) -> (sensitive value)");

    JsonNode summary = lines.get(2);
    assertThat(summary.path("message").asText()).isEqualTo("run finished");
    assertThat(summary.path("result").asText()).isEqualTo("drift");
    assertThat(summary.path("reason").asText()).isEqualTo("drift_check");
    assertThat(summary.path("round_trips").isNumber()).isTrue();
    assertThat(summary.path("round_trips").asInt()).isEqualTo(1);
    assertThat(summary.path("duration_ms").isNumber()).isTrue();
    assertThat(lines).hasSize(3);
  }

  @Test
  void theTextFormatShowsTheSameFieldsAsKeyValuePairs() throws Exception {
    runDetect();
    Encoder<ILoggingEvent> text = shippedEncoder("text");

    List<String> lines = captured.list.stream()
        .map(e -> new String(text.encode(e), StandardCharsets.UTF_8).strip()).toList();

    assertThat(lines.get(0)).endsWith("INFO  ServerJob drift found server=web1 module=time"
        + " drift=\"~ timezone: Etc/UTC -> Europe/Paris\" mode=detect");
    assertThat(lines.get(2)).matches(".*INFO  ServerJob run finished server=web1 mode=detect reason=drift_check"
        + " result=drift round_trips=1 duration_ms=\\d+");
  }

  @Test
  void aSensitiveChangeNeverShowsItsValueInEitherFormat() throws Exception {
    runDetect();

    for (String format : List.of("json", "text")) {
      Encoder<ILoggingEvent> encoder = shippedEncoder(format);
      for (ILoggingEvent e : captured.list) {
        String line = new String(encoder.encode(e), StandardCharsets.UTF_8);
        assertThat(line).as(format).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
      }
    }
    assertThat(captured.list).anySatisfy(e -> assertThat(e.getKeyValuePairs().toString()).contains("password of root"));
  }

  /** One detect run of web1, whose plan finds a time zone to change and a root password to rotate. */
  private void runDetect() {
    ServerReconciler reconciler = new ServerReconciler() {
      @Override
      public ServerOutcome plan(Target target) {
        return new ServerOutcome("web1", List.of(
            new ModuleOutcome("time", List.of(Change.update("timezone", "Etc/UTC", "Europe/Paris", List.of())),
                List.of(), ModuleOutcome.Status.DRIFT, null, 0),
            new ModuleOutcome("accounts", List.of(new Change("password of root", Change.Action.CHANGE, OLD_SECRET,
                NEW_SECRET, true, List.of())), List.of(), ModuleOutcome.Status.DRIFT, null, 0)),
            null, 1, Duration.ofMillis(3));
      }

      @Override
      public ServerOutcome apply(Target target, ApplyListener listener) {
        throw new AssertionError("detect mode never applies");
      }
    };
    ServerJob job = new ServerJob(reconciler, new Targets(new SecretStore(tmp.resolve("home"), new SecureRandom(),
        Clock.systemUTC()), List.of(DaemonTest.GARDIEN_KEY)), new DaemonMetrics(), Clock.systemUTC());
    Server web1 = new Server("web1", null, ServerSpec.builder().build(), Path.of("servers/web1.yaml"));

    job.run(web1, new FleetSpec(null, null, null, null, null), Mode.DETECT, Schedule.Reason.DRIFT_CHECK,
        CircuitBreaker.ofDefaults("web1"));
  }

  /** The encoder of format {@code name} as Gardien sets logging up (not the tests' configuration). */
  private static Encoder<ILoggingEvent> shippedEncoder(String name) {
    LoggerContext context = new LoggerContext();
    LogSetup.configure(context, Map.of(LogSetup.FORMAT_ENV, name, LogSetup.LEVEL_ENV, "INFO"));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) root.getAppender("stderr");
    assertThat(appender).as("the root's appender").isNotNull();
    return appender.getEncoder();
  }
}
