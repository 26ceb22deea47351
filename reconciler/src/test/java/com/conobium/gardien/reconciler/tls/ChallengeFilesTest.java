package com.conobium.gardien.reconciler.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeFilesTest {
  final List<String[]> runs = new ArrayList<>();
  int status = 0;

  final RemoteHost host = new RemoteHost() {
    @Override
    public String name() {
      return "web1";
    }

    @Override
    public ExecResult exec(String script, String stdin, Duration timeout) {
      runs.add(new String[] {script, stdin});
      return new ExecResult(status, "", status == 0 ? "" : "disk full");
    }

    @Override
    public void close() {}
  };

  @Test
  void theKeyAuthorizationGoesOnStandardInputIntoTheWebroot() throws Exception {
    new ChallengeFiles(host).put("tok-EN_1", "tok-EN_1.thumbprint");

    assertThat(runs).singleElement().satisfies(r -> {
      assertThat(r[0]).contains("mkdir -p '/var/www/gardien-acme-challenge'")
          .contains("cat > '/var/www/gardien-acme-challenge/tok-EN_1'")
          .doesNotContain("thumbprint");
      assertThat(r[1]).isEqualTo("tok-EN_1.thumbprint");
    });
    new ChallengeFiles(host).remove("tok-EN_1");
    assertThat(runs.get(1)[0]).isEqualTo("rm -f '/var/www/gardien-acme-challenge/tok-EN_1'");
  }

  @Test
  void aTokenThatIsNotBase64UrlIsRefused() {
    assertThatThrownBy(() -> new ChallengeFiles(host).put("../../etc/passwd", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(runs).isEmpty();
  }

  @Test
  void aFailedWriteSaysWhy() {
    status = 1;
    assertThatThrownBy(() -> new ChallengeFiles(host).put("t", "x"))
        .isInstanceOf(SshException.class).hasMessageContaining("web1").hasMessageContaining("disk full");
  }
}
