package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gardien validate [REPO_DIR]}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a config repository: YAML syntax, schema, and the rules across all manifests.",
      "Every problem is reported with file:line:column and field path, all in one run."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "REPO_DIR",
      description = "The config repository (default: the current directory).")
  Path repo;

  @Mixin OutputOptions output;

  private final RepoReader reader;
  private final Printer printer;

  @jakarta.inject.Inject
  ValidateCommand(RepoReader reader, Printer printer) {
    this.reader = reader;
    this.printer = printer;
  }

  @Override
  public Integer call() {
    try {
      ConfigRepo config = reader.read(repo);
      printer.valid(output.format(), repo, config);
      return ExitCode.OK;
    } catch (InvalidConfigException e) {
      printer.invalid(output.format(), repo, e.problems());
      return ExitCode.INVALID_CONFIG;
    }
  }
}
