package com.conobium.gardien.reconciler.cli;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar's manifest at build time. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = GardienCommand.class.getPackage().getImplementationVersion();
    return new String[] {"gardien " + (v == null ? "development build" : v)};
  }
}
