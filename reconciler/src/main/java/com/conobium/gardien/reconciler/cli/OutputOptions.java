package com.conobium.gardien.reconciler.cli;

import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --output} option every command shares. {@code markdown} is a pull-request comment,
 * which only {@code plan} and {@code apply} make; any other command refuses it as a usage error
 * rather than print text in its place.
 */
final class OutputOptions {
  private static final Set<String> REPORTS = Set.of("plan", "apply");

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  private OutputFormat format = OutputFormat.text;

  @Option(names = {"-o", "--output", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (default), json, or markdown (plan and apply: a pull-request comment).")
  void format(OutputFormat value) {
    if (value == OutputFormat.markdown && !REPORTS.contains(command.name())) {
      throw new ParameterException(command.commandLine(), "--output markdown is for plan and apply; '"
          + command.qualifiedName(" ").replaceFirst("^gardien ", "") + "' prints text or json");
    }
    this.format = value;
  }

  OutputFormat format() {
    return format;
  }
}
