package com.conobium.gardien.reconciler.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastPortsTest {
  @TempDir Path dir;

  @Test
  void remembersThePortEachServerWasLastReachedOn() throws Exception {
    LastPorts ports = new LastPorts(dir.resolve("ports"));
    assertThat(ports.of("web1")).isEmpty();

    ports.record("web1", 2222);
    ports.record("web2", 22);
    ports.record("web1", 2200);

    assertThat(new LastPorts(dir.resolve("ports")).of("web1")).contains(2200);
    assertThat(ports.of("web2")).contains(22);
    assertThat(Files.readString(dir.resolve("ports/web1"))).isEqualTo("2200\n");
  }

  @Test
  void aFileItCannotReadIsNoPortAndNamesCannotLeaveItsFolder() throws Exception {
    LastPorts ports = new LastPorts(dir);
    Files.writeString(dir.resolve("web1"), "not a port\n");
    Files.writeString(dir.resolve("web2"), "70000\n");

    assertThat(ports.of("web1")).isEmpty();
    assertThat(ports.of("web2")).isEmpty();
    assertThatThrownBy(() -> ports.record("../etc", 22)).isInstanceOf(IllegalArgumentException.class);
  }
}
