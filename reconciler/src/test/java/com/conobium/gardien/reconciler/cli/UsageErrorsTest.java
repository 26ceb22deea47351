package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.inject.Guice;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors as an operator meets them: short, exit 2, and never a help page by mistake. */
class UsageErrorsTest {
  @Test
  void anUnknownCommandIsAUsageErrorEvenWithHelp() {
    CliRun withHelp = CliRun.of("NOSUCHCOMMAND", "--help");
    CliRun plain = CliRun.of("NOSUCHCOMMAND");

    assertThat(withHelp.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(withHelp.stderr()).contains("'NOSUCHCOMMAND' is not a gardien command");
    assertThat(withHelp.stdout()).doesNotContain("Usage:");
    assertThat(plain.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aWrongFlagPrintsTheErrorAndOneHintNotTheWholeUsage() {
    CliRun run = CliRun.of("validate", "--frobnicate");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr()).contains("gardien: Unknown option: '--frobnicate'")
        .contains("See 'gardien validate --help'.").doesNotContain("Usage:");
    assertThat(run.stderr().lines().count()).isLessThanOrEqualTo(3);
  }

  @Test
  void aLinkLifetimeOutOfRangeIsAUsageErrorQuotedAsTyped() {
    CliRun tooLong = CliRun.of("credentials", "share", "web1", "--ttl", "99d");
    CliRun zero = CliRun.of("credentials", "share", "web1", "--ttl", "0s");

    assertThat(tooLong.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(tooLong.stderr()).contains("a link lives from 1s to 30d, not '99d'").doesNotContain("PT");
    assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(zero.stderr()).contains("not '0s'");
  }

  @Test
  void markdownIsForPlanAndApplyOnly() throws Exception {
    CliRun validate = CliRun.of("validate", "-o", "markdown", Files.createTempDirectory("repo").toString());
    CliRun list = CliRun.of("credentials", "list", "--output=markdown");

    assertThat(validate.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(validate.stderr()).contains("--output markdown is for plan and apply; 'validate' prints text or json");
    assertThat(list.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(list.stderr()).contains("'credentials list' prints text or json");
  }

  /** picocli formats every description: a lone % (as in "5%") breaks it with a warning. */
  @Test
  void everyDescriptionIsAValidFormatString() throws Exception {
    CommandLine cli = Main.commandLine(Guice.createInjector(new CliWiring(Files.createTempDirectory("gardien-home"))),
        "--help");
    List<String> texts = new ArrayList<>();
    collect(cli, texts);
    assertThat(texts).hasSizeGreaterThan(20);
    assertThat(cli.getSubcommands()).as("the help lists every command").hasSize(GardienCommand.SUBCOMMANDS.size());
    for (String text : texts) {
      assertThatCode(() -> String.format(text)).as(text).doesNotThrowAnyException();
    }
  }

  /** Lazy wiring: a command makes only itself (and, through Guice, what it uses); the version makes none. */
  @Test
  void aCommandLineHoldsOnlyTheCommandItRuns() throws Exception {
    com.google.inject.Injector injector = Guice.createInjector(new CliWiring(Files.createTempDirectory("gardien-home")));
    assertThat(Main.commandLine(injector, "validate", "repo").getSubcommands()).containsOnlyKeys("validate");
    assertThat(Main.commandLine(injector, "secrets", "list").getSubcommands()).containsOnlyKeys("secrets");
    assertThat(Main.commandLine(injector, "--version").getSubcommands()).isEmpty();
    assertThat(Main.commandLine(injector, "valdate").getSubcommands()).as("an unknown command: all, for the message")
        .hasSize(GardienCommand.SUBCOMMANDS.size());
    assertThat(CliRun.of("valdate").stderr()).contains("'valdate' is not a gardien command");
  }

  private static void collect(CommandLine cli, List<String> texts) {
    texts.addAll(List.of(cli.getCommandSpec().usageMessage().description()));
    cli.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
    cli.getSubcommands().values().forEach(sub -> collect(sub, texts));
  }

  @Test
  void anUnknownMaintenanceOperationOrMonthIsAUsageError() {
    CliRun only = CliRun.of("maintain", "web1", "--only", "upgrades,backup");
    CliRun month = CliRun.of("maintenance", "--month", "2026-13");
    assertThat(only.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(only.stderr()).contains("--only: 'backup' is not a maintenance operation; expected one of upgrades,"
        + " purge, raid, smart, diskSpace, fail2ban, services, portScan, errorLogs, backups");
    assertThat(month.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(month.stderr()).contains("--month: '2026-13' is not a month such as 2026-11");
  }
}
