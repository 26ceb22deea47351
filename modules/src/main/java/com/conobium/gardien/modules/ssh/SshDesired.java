package com.conobium.gardien.modules.ssh;

/**
 * What sshd must be: Gardien's drop-in, whose text says it all.
 *
 * @param port the port sshd listens on
 * @param dropIn the whole content of Gardien's drop-in configuration
 */
public record SshDesired(int port, String dropIn) {}
