package com.conobium.gardien.modules.ssh;

import java.util.List;
import java.util.Optional;

/**
 * What sshd must be: Gardien's drop-ins, whose text says it all.
 *
 * @param port the port sshd listens on
 * @param dropIn the whole content of Gardien's main drop-in
 * @param siteUsers the sites' users, chrooted to SFTP by the sites' drop-in
 * @param sitesDropIn the whole content of that drop-in; empty when there is no site
 */
public record SshDesired(int port, String dropIn, List<String> siteUsers, Optional<String> sitesDropIn) {
  public SshDesired {
    siteUsers = List.copyOf(siteUsers);
  }

  /** Without sites. */
  public SshDesired(int port, String dropIn) {
    this(port, dropIn, List.of(), Optional.empty());
  }
}
