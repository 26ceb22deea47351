package com.conobium.gardien.model.load;

import java.util.regex.Pattern;

/** Whether a text is a host name a certificate can be issued for, e.g. {@code www.example.com}. */
final class DomainName {
  private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

  private DomainName() {}

  static boolean valid(String name) {
    if (name == null || name.length() > 253 || !name.contains(".")) {
      return false;
    }
    String[] labels = name.split("\\.", -1);
    for (int i = 0; i < labels.length; i++) {
      String label = labels[i];
      boolean wildcard = i == 0 && label.equals("*");
      if (!wildcard && !LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !labels[labels.length - 1].matches("\\d+");
  }
}
