package com.conobium.gardien.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PackagesFactsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parsesRealisticProbeOutput() throws Exception {
    String output =
        """
        {"packages":["adduser ii ","apache2 rc ","bash ii ","libc6:amd64 ii ","libc6:i386 ii ",\
        "nginx hi ","half un iU ","gone un ","broken iF ","reinst iiR"],\
        "listsAgeSeconds":3120,\
        "proxyFile":{"exists":true,"sha256":"ab12","mode":"644","owner":"root","group":"root"},\
        "proxyContent":"// Managed by Gardien\\nAcquire::http::Proxy \\"http://p:3142\\";"}
        """;

    PackagesFacts facts = PackagesFacts.parse(JSON.readTree(output));

    assertThat(facts.installed())
        .containsExactlyInAnyOrder("adduser", "bash", "libc6", "nginx", "reinst");
    assertThat(facts.configFilesOnly()).containsExactly("apache2");
    assertThat(facts.listsAge()).contains(Duration.ofSeconds(3120));
    assertThat(facts.proxyFile()).isEqualTo(new FileFacts(true, "ab12", "644", "root", "root"));
    assertThat(AptProxyFile.describe(facts.proxyContent())).isEqualTo("http://p:3142");
  }

  @Test
  void neverFetchedListsHaveNoAge() throws Exception {
    PackagesFacts facts =
        PackagesFacts.parse(
            JSON.readTree(
                "{\"packages\":[],\"listsAgeSeconds\":null,\"proxyFile\":{\"exists\":false},\"proxyContent\":\"\"}"));

    assertThat(facts.listsAge()).isEmpty();
    assertThat(facts.installed()).isEmpty();
    assertThat(facts.proxyFile().exists()).isFalse();
  }

  @Test
  void rejectsOutputItDoesNotUnderstand() {
    assertThatThrownBy(() -> PackagesFacts.parse(JSON.readTree("{}")))
        .isInstanceOf(FactsException.class);
    assertThatThrownBy(
            () ->
                PackagesFacts.parse(
                    JSON.readTree(
                        "{\"packages\":[\"no-status\"],\"listsAgeSeconds\":1,\"proxyFile\":{\"exists\":false}}")))
        .isInstanceOf(FactsException.class);
    assertThatThrownBy(
            () ->
                PackagesFacts.parse(
                    JSON.readTree(
                        "{\"packages\":[],\"listsAgeSeconds\":\"old\",\"proxyFile\":{\"exists\":false}}")))
        .isInstanceOf(FactsException.class);
  }
}
