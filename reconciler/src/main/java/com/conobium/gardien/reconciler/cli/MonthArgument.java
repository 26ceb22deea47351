package com.conobium.gardien.reconciler.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --month YYYY-MM} of the commands that read a month ({@code uptime}, {@code maintenance}, {@code report}). */
final class MonthArgument {
  private MonthArgument() {}

  /** {@code text} as a month, {@code fallback} when none was given; a usage error naming the option otherwise. */
  static YearMonth parse(CommandSpec spec, String text, YearMonth fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--month: '" + text + "' is not a month such as 2026-11");
    }
  }
}
