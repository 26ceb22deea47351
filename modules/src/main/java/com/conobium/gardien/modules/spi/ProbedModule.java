package com.conobium.gardien.modules.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The wiring every probed module shares, so that a module's class holds only its own decisions:
 * what it derives from the spec ({@link #desired}), the probe it sends ({@link #probe}), and the
 * packages it needs. Its name, its order, how its facts are parsed and which planner compares
 * them are given once, to the constructor.
 *
 * @param <D> the module's desired state
 * @param <F> the module's facts
 */
public abstract class ProbedModule<D, F> implements ResourceModule<D, F> {
  /** Turns a probe's JSON into facts (usually the facts record's {@code parse}). */
  @FunctionalInterface
  public interface FactsParser<F> {
    F parse(JsonNode probeOutput) throws FactsException;
  }

  /** Compares desired state with facts. Pure. */
  @FunctionalInterface
  public interface Planner<D, F> {
    ModulePlan plan(D desired, F facts);
  }

  private final String name;
  private final Set<String> after;
  private final FactsParser<F> parser;
  private final Planner<D, F> planner;

  /**
   * @param name the module's name
   * @param after the modules whose changes come first
   * @param parser how the probe's output becomes facts
   * @param planner how facts are compared with the desired state
   */
  protected ProbedModule(String name, Set<String> after, FactsParser<F> parser, Planner<D, F> planner) {
    this.name = name;
    this.after = Set.copyOf(after);
    this.parser = parser;
    this.planner = planner;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> after() {
    return after;
  }

  @Override
  public final F facts(JsonNode probeOutput) throws FactsException {
    return parser.parse(probeOutput);
  }

  @Override
  public final ModulePlan plan(D desired, F facts) {
    return planner.plan(desired, facts);
  }
}
