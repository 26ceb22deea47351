package com.conobium.gardien.reconciler.monitor;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** How a failed connection is said to people. */
final class Errors {
  private Errors() {}

  static String describe(Exception e) {
    if (e instanceof SocketTimeoutException) {
      return "no answer (timed out)";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return "TLS: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
