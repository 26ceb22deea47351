package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Reading;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code plan --output json} lists each module's readings with their labels and values. */
class PrinterReadingsTest {
  @Test
  void eachModuleListsItsReadings() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Printer printer = new Printer(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    ModuleOutcome tls = new ModuleOutcome("tls", List.of(), List.of(), ModuleOutcome.Status.IN_SYNC, null, 0,
        List.of(new Reading("certificate_expiry_timestamp_seconds", "expiry", Map.of("site", "shop"), 1_798_761_600)));
    ModuleOutcome time = new ModuleOutcome("time", List.of(), List.of(), ModuleOutcome.Status.IN_SYNC, null, 0);

    printer.outcomes(OutputFormat.json, "plan", List.of(new ServerOutcome("web1", List.of(tls, time), null, 1,
        Duration.ofMillis(5))));

    JsonNode modules = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).at("/servers/0/modules");
    JsonNode reading = modules.get(0).get("readings").get(0);
    assertThat(reading.get("name").asText()).isEqualTo("certificate_expiry_timestamp_seconds");
    assertThat(reading.at("/labels/site").asText()).isEqualTo("shop");
    assertThat(reading.get("value").asLong()).isEqualTo(1_798_761_600L);
    assertThat(modules.get(1).get("readings").isArray()).isTrue();
    assertThat(modules.get(1).get("readings")).isEmpty();
  }
}
