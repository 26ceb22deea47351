package com.conobium.gardien.testhosts;

/** What a command run inside a test host left. */
public record ExecResult(int exitStatus, String stdout, String stderr) {
  public boolean ok() {
    return exitStatus == 0;
  }
}
