package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resource module together with its desired state for one server, so the engine can probe and
 * plan it without knowing the module's types.
 */
final class BoundModule<D, F> {
  private final ResourceModule<D, F> module;
  private final D desired;

  private BoundModule(ResourceModule<D, F> module, D desired) {
    this.module = module;
    this.desired = desired;
  }

  static <D, F> BoundModule<D, F> bind(ResourceModule<D, F> module, Target target) {
    return new BoundModule<>(module, module.desired(target));
  }

  String name() {
    return module.name();
  }

  ProbeScript.Probe probe() {
    return new ProbeScript.Probe(module.name(), module.probe(desired));
  }

  /** Plans from the probe's JSON output. Pure. */
  ModulePlan plan(JsonNode probeOutput) throws FactsException {
    return module.plan(desired, module.facts(probeOutput));
  }
}
