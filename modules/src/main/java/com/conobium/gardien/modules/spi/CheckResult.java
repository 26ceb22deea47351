package com.conobium.gardien.modules.spi;

/**
 * The outcome of one check-only rule, e.g. "swap equals RAM". A failed check is reported and
 * never fixed.
 *
 * @param name what was checked
 * @param passed whether it holds
 * @param expected what the manifest expects
 * @param actual what the server has
 */
public record CheckResult(String name, boolean passed, String expected, String actual) {
  public static CheckResult of(String name, boolean passed, String expected, String actual) {
    return new CheckResult(name, passed, expected, actual);
  }
}
