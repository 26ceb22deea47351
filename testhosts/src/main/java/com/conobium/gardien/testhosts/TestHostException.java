package com.conobium.gardien.testhosts;

/** A test host could not be prepared, booted or stopped. */
public class TestHostException extends RuntimeException {
  public TestHostException(String message) {
    super(message);
  }

  public TestHostException(String message, Throwable cause) {
    super(message, cause);
  }
}
