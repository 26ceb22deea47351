package com.conobium.gardien.modules.hardening;

import com.conobium.gardien.modules.spi.Step;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hardening the manifest asks for, as the files Gardien keeps and the kernel parameters it
 * sets.
 *
 * @param enabled whether the module manages anything (off: it leaves the server as it is)
 * @param files the files that must exist with this content
 * @param absent Gardien's files of settings turned off, removed when present
 * @param sysctl parameter to value, the parameters Gardien sets (empty values dropped), in the
 *     order they are set
 */
record HardeningDesired(boolean enabled, List<Step.PutFile> files, Set<String> absent, Map<String, String> sysctl) {
  HardeningDesired {
    files = List.copyOf(files);
    absent = Set.copyOf(absent);
    sysctl = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysctl));
  }

  /** Every path the probe reports on. */
  List<String> paths() {
    List<String> paths = new java.util.ArrayList<>(files.stream().map(Step.PutFile::path).toList());
    absent.stream().sorted().forEach(paths::add);
    return paths;
  }
}
