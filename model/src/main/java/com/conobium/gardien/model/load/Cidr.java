package com.conobium.gardien.model.load;

import java.util.regex.Pattern;

/** Whether a text is an IPv4 or IPv6 address or CIDR block, such as {@code 198.18.0.0/15}. */
final class Cidr {
  private static final Pattern V4 =
      Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?$");
  private static final Pattern V6_CHARS = Pattern.compile("^[0-9a-fA-F:.]+(/(12[0-8]|1[01]\\d|[1-9]?\\d))?$");

  private Cidr() {}

  /** Whether the address or block {@code inner} lies inside the block (or is the address) {@code block}; both valid. */
  static boolean contains(String block, String inner) {
    try {
      byte[] outer = address(block);
      byte[] in = address(inner);
      if (outer.length != in.length) {
        return false;
      }
      int blockBits = bits(block, outer.length * 8);
      if (bits(inner, in.length * 8) < blockBits) {
        return false;
      }
      for (int i = 0; i < blockBits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((outer[i / 8] & mask) != (in[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static byte[] address(String cidr) throws java.net.UnknownHostException {
    // literal addresses only (valid() was checked): no name is looked up
    return java.net.InetAddress.getByName(cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr).getAddress();
  }

  private static int bits(String cidr, int all) {
    return cidr.contains("/") ? Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)) : all;
  }

  static boolean valid(String text) {
    if (text == null) {
      return false;
    }
    if (V4.matcher(text).matches()) {
      return true;
    }
    if (!text.contains(":") || !V6_CHARS.matcher(text).matches()) {
      return false;
    }
    String address = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
    try {
      // parses literal IPv6 addresses only: no name lookup for text containing ':'
      return java.net.InetAddress.getByName(address) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
