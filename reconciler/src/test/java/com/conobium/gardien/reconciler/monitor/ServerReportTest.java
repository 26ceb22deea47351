package com.conobium.gardien.reconciler.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerReportTest {
  static final String OUTPUT = """
      ### units-down
      php8.4-fpm.service (failed)
      nginx.service (inactive)
      ### journal-errors
      2026-12-06T10:20:01+00:00 web1 php-fpm8.4[812]: ERROR: failed to open configuration file
      ### log /var/log/nginx/error.log
      2026/12/06 10:19:58 [notice] 901#901: signal process started
      ### log /var/log/php8.4-fpm.log
      ### disk
      Filesystem      Size  Used Avail Use% Mounted on
      ### memory
                     total        used        free      shared  buff/cache   available
      Mem:            1967         412        1201           2         489        1555
      ### load
      0.08 0.03 0.01 1/160 1234
      """;

  @Test
  void theUnitsDownMakeTheSummaryAndEveryOtherNonEmptySectionTheDetails() {
    ServerReport report = ServerReport.parse(OUTPUT);

    assertThat(report.unitsDown()).containsExactly("php8.4-fpm.service (failed)", "nginx.service (inactive)");
    assertThat(report.summary()).isEqualTo("down: php8.4-fpm.service (failed), nginx.service (inactive)");
    assertThat(report.details()).startsWith("journal-errors:\n  2026-12-06T10:20:01+00:00 web1 php-fpm8.4[812]: ERROR")
        .contains("log /var/log/nginx/error.log:\n  2026/12/06 10:19:58 [notice]")
        .doesNotContain("log /var/log/php8.4-fpm.log").contains("memory:\n").contains("load:\n  0.08");
  }

  @Test
  void nothingDownIsSaid() {
    assertThat(ServerReport.parse("### units-down\n### load\n0.00 0.00 0.00 1/99 5\n").summary())
        .isEqualTo("no unit down");
  }

  @Test
  void theScriptIsInTheBuildAndOnlyReads() {
    assertThat(ServerReport.SCRIPT).contains("### units-down").doesNotContain("systemctl restart")
        .doesNotContain("systemctl start").doesNotContain(" rm ");
  }
}
