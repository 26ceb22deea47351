package com.conobium.gardien.modules.spi;

/** A probe printed something its module cannot understand. */
public class FactsException extends Exception {
  public FactsException(String message) {
    super(message);
  }

  public FactsException(String message, Throwable cause) {
    super(message, cause);
  }
}
