package com.conobium.gardien.modules.prerequisites;

/** What a server runs on, from {@code systemd-detect-virt}. */
public enum Virtualisation {
  BARE_METAL("bare metal"),
  VM("vm"),
  CONTAINER("container"),
  UNKNOWN("unknown");

  private final String label;

  Virtualisation(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * Classifies the outputs of {@code systemd-detect-virt --vm} and {@code --container}: each is
   * {@code none} or the kind detected; anything else (empty: the tool is missing) is unknown. A
   * container inside a VM is a container.
   */
  static Virtualisation of(String vm, String container) {
    if (!container.isBlank() && !container.equals("none")) {
      return CONTAINER;
    }
    if (!vm.isBlank() && !vm.equals("none")) {
      return VM;
    }
    return vm.equals("none") && container.equals("none") ? BARE_METAL : UNKNOWN;
  }
}
