package com.conobium.gardien.modules.firewall;

/**
 * The firewall a server must have.
 *
 * @param ruleset the whole text of {@code /etc/nftables.conf}
 * @param fingerprint what the live table shows when it was loaded from that text
 * @param summary what it opens, for people
 */
public record FirewallDesired(String ruleset, String fingerprint, String summary) {}
