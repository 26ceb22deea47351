package com.conobium.gardien.reconciler.ssh;

/** What a remote command left: its exit status and both output streams. */
public record ExecResult(int exitStatus, String stdout, String stderr) {
  public boolean ok() {
    return exitStatus == 0;
  }
}
