package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.reconciler.ssh.SshException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Retries remote calls that failed for a passing reason (a refused or timed-out connection, a
 * dropped session) with exponential backoff. Changes are never retried: only connecting and
 * probing, which change nothing.
 */
public final class TransientRetry {
  private final Retry retry;

  public TransientRetry(int maxAttempts, Duration firstBackoff, Predicate<Throwable> transientFailure) {
    this.retry =
        Retry.of(
            "ssh",
            RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2.0))
                .retryOnException(transientFailure)
                .build());
  }

  /** A remote call that may fail with an {@link SshException}. */
  @FunctionalInterface
  public interface RemoteCall<T> {
    T call() throws SshException;
  }

  <T> T call(RemoteCall<T> call) throws SshException {
    try {
      return retry.executeCheckedSupplier(call::call);
    } catch (SshException | RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new SshException(e.getMessage(), e);
    }
  }
}
