package com.conobium.gardien.modules.tls;

import com.conobium.gardien.modules.spi.FileFacts;
import java.time.Instant;

/**
 * A site's certificate files as the probe found them.
 *
 * @param fullchain the chain file
 * @param privkey the key file
 * @param notAfter the deployed leaf's expiry ({@code openssl x509 -enddate}); null when none is readable
 */
public record DeployedCertificate(FileFacts fullchain, FileFacts privkey, Instant notAfter) {
  /** No files. */
  public static DeployedCertificate absent() {
    return new DeployedCertificate(FileFacts.absent(), FileFacts.absent(), null);
  }
}
