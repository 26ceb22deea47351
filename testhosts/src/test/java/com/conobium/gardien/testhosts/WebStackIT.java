package com.conobium.gardien.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cached web-stack layer: a host that starts with the web packages installed and running. */
@ExtendWith(DebianHostExtension.class)
class WebStackIT {

  @Test
  void aWebStackHostHasThePackagesInstalledAndTheirServicesUp(@HostSpec(webStack = true) TestHost web) {
    assertThat(web.check("dpkg-query -W -f '${Package} ${Status}\\n' " + String.join(" ", WebStackLayer.PACKAGES)))
        .doesNotContain("not-installed").contains("nginx install ok installed");
    web.awaitStartup();
    assertThat(web.exec("systemctl is-active nginx mariadb php8.4-fpm fail2ban").stdout())
        .isEqualTo("active\nactive\nactive\nactive\n");
    assertThat(web.check("mariadb -N -e 'select 1'")).isEqualTo("1\n");
    // What belonged to the host that built the layer did not come along.
    assertThat(web.check("hostname")).isEqualTo(web.name() + "\n");
    assertThat(web.check("cat /etc/ssh/ssh_host_ed25519_key.pub")).contains(web.hostPublicKey());
    assertThat(web.exec("ls /var/lib/apt/lists/*_Packages 2>/dev/null").stdout()).isEmpty();
  }
}
