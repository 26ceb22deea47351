package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.testhosts.ExecResult;
import com.conobium.gardien.testhosts.TestHost;

/**
 * One failed SSH login, made from an attacker's test host the way a password-guessing client
 * makes it. The ban it provokes may land in the middle of an attempt, whose packets are then
 * dropped: keepalives and an outer timeout end such an attempt instead of leaving ssh waiting for
 * ever (seen as a 10-minute hang in a full run).
 */
record SshGuess(String user, int port) {

  ExecResult from(TestHost attacker, String address) {
    return attacker.exec("timeout 30 ssh -p " + port
        + " -o BatchMode=yes -o PreferredAuthentications=password,keyboard-interactive"
        + " -o ConnectTimeout=5 -o ServerAliveInterval=2 -o ServerAliveCountMax=2"
        + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null " + user + "@" + address + " true");
  }
}
