package com.conobium.gardien.model;

import java.util.List;
import java.util.stream.Collectors;

/** A config repository that must not reach any server; carries every problem found in one run. */
public class InvalidConfigException extends Exception {
  private final List<Problem> problems;

  public InvalidConfigException(List<Problem> problems) {
    super(
        problems.size()
            + " problem(s) in the config repository:\n"
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
