package com.conobium.gardien.modules.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.PathProbe;
import com.conobium.gardien.modules.spi.PathState;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.UnitState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebModuleTest {
  private final WebModule module = new WebModule();
  private static final WebDesired DESIRED = new WebDesired(true, "8.4", "64m", true);

  /** Facts of a server where everything is as desired. */
  static WebFacts converged(WebDesired desired) {
    Map<String, PathState> paths = new HashMap<>();
    for (Step.PutFile f : List.of(NginxMainConfig.render(desired), PhpSettings.render(desired))) {
      paths.put(f.path(), new PathState(true, true, "644", "root", "root"));
    }
    paths.put(NginxMainConfig.ACME_CHALLENGE_DIRECTORY, new PathState(true, false, "755", "root", "root"));
    return new WebFacts(paths, Map.of("nginx.service", new UnitState("enabled", "active"),
        "php8.4-fpm.service", new UnitState("enabled", "active")));
  }

  private static List<String> resources(ModulePlan plan) {
    return plan.changes().stream().map(c -> c.action().sign() + " " + c.resource()).toList();
  }

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("web");
    assertThat(module.after()).containsExactly("packages");
  }

  @Test
  void convergedServerNeedsNothing() {
    assertThat(module.plan(DESIRED, converged(DESIRED)).changes()).isEmpty();
  }

  @Test
  void disabledPlansNothingWhateverTheServerHas() {
    WebDesired off = new WebDesired(false, "8.4", "64m", true);
    assertThat(module.plan(off, new WebFacts(Map.of(), Map.of())).changes()).isEmpty();
  }

  @Test
  void bareServerGetsEverythingInOrder() {
    ModulePlan plan = module.plan(DESIRED, new WebFacts(Map.of(), Map.of()));

    assertThat(resources(plan)).containsExactly(
        "+ file /etc/nginx/nginx.conf",
        "+ directory /var/www/gardien-acme-challenge",
        "+ file /etc/php/8.4/fpm/conf.d/99-gardien.ini",
        "~ service nginx.service enabled",
        "~ service nginx.service running",
        "~ service php8.4-fpm.service enabled",
        "~ service php8.4-fpm.service running");
    Change nginx = plan.changes().get(0);
    Step.PutFile file = (Step.PutFile) nginx.steps().get(0);
    assertThat(file.validate()).isEqualTo("nginx -t");
    assertThat(nginx.steps().get(1).toString()).contains("systemctl reload nginx.service");
    assertThat(((Step.PutFile) plan.changes().get(2).steps().get(0)).validate()).isEqualTo("php-fpm8.4 -t");
    assertThat(plan.changes().get(3).before()).isEqualTo("not installed");
  }

  @Test
  void anEditedConfigurationIsReplaced() {
    Map<String, PathState> paths = new HashMap<>(converged(DESIRED).paths());
    paths.put(NginxMainConfig.PATH, new PathState(true, false, "644", "root", "root"));
    ModulePlan plan = module.plan(DESIRED, new WebFacts(paths, converged(DESIRED).units()));

    assertThat(resources(plan)).containsExactly("~ file /etc/nginx/nginx.conf");
    assertThat(plan.changes().get(0).before()).isEqualTo("differs");
  }

  @Test
  void wrongAttributesAreShownAndFixed() {
    Map<String, PathState> paths = new HashMap<>(converged(DESIRED).paths());
    paths.put(PhpSettings.path("8.4"), new PathState(true, true, "666", "root", "root"));
    paths.put(NginxMainConfig.ACME_CHALLENGE_DIRECTORY, new PathState(true, false, "777", "www-data", "root"));
    ModulePlan plan = module.plan(DESIRED, new WebFacts(paths, converged(DESIRED).units()));

    assertThat(resources(plan)).containsExactly("~ directory /var/www/gardien-acme-challenge",
        "~ file /etc/php/8.4/fpm/conf.d/99-gardien.ini");
    assertThat(plan.changes().get(0).before()).isEqualTo("0777 www-data:root");
    assertThat(plan.changes().get(1).before()).isEqualTo("0666 root:root");
  }

  @Test
  void stoppedServicesAreStarted() {
    WebFacts facts = new WebFacts(converged(DESIRED).paths(),
        Map.of("nginx.service", new UnitState("enabled", "failed"), "php8.4-fpm.service", new UnitState("disabled", "active")));

    assertThat(resources(module.plan(DESIRED, facts)))
        .containsExactly("~ service nginx.service running", "~ service php8.4-fpm.service enabled");
  }

  @Test
  void mainConfigurationIsHardened() {
    String text = NginxMainConfig.render(DESIRED).content();

    assertThat(text).contains("server_tokens off;", "ssl_protocols TLSv1.2 TLSv1.3;", "client_max_body_size 64m;",
        "return 444;", "ssl_reject_handshake on;", "ssl_stapling on;", "add_header Strict-Transport-Security",
        "include /etc/nginx/gardien-sites/*.conf;");
    assertThat(text).doesNotContain("sites-enabled").doesNotContain("TLSv1.1");
    assertThat(NginxMainConfig.render(new WebDesired(true, "8.4", "1g", false)).content())
        .doesNotContain("Strict-Transport-Security").contains("client_max_body_size 1g;");
  }

  @Test
  void rejectsValuesThatWouldInjectDirectives() {
    assertThatThrownBy(() -> new WebDesired(true, "8.4", "1m; include /x", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebDesired(true, "8.4/../x", "1m", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void probeRunsHereAndReportsWhatItFinds(@TempDir Path dir) throws Exception {
    Path same = dir.resolve("same.conf");
    Path other = dir.resolve("other.conf");
    Files.writeString(same, "a\nb\n");
    Files.writeString(other, "a\nc\n");
    String script = PathProbe.script(
        List.of(Step.PutFile.of(same.toString(), "a\nb\n"), Step.PutFile.of(other.toString(), "a\nb\n"),
            Step.PutFile.of(dir.resolve("missing").toString(), "x\n")),
        List.of(dir.toString()));

    Map<String, PathState> states = PathProbe.parse(ProbeRunner.run(script));

    assertThat(states.get(same.toString()).sameText()).isTrue();
    assertThat(states.get(other.toString()).sameText()).isFalse();
    assertThat(states.get(other.toString()).exists()).isTrue();
    assertThat(PathProbe.of(states, dir.resolve("missing").toString())).isEqualTo(PathState.absent());
    assertThat(states.get(dir.toString()).sameText()).isFalse();
    assertThat(states.get(dir.toString()).mode()).matches("[0-7]{3,4}");
  }

  @Test
  void wholeProbeRunsHereAndIsUnderstood() throws Exception {
    WebFacts facts = module.facts(ProbeRunner.run(module.probe(DESIRED)));

    assertThat(facts.unit("nginx.service")).isNotNull();
    assertThat(module.facts(ProbeRunner.run(module.probe(new WebDesired(false, "8.4", "1m", true)))).paths()).isEmpty();
  }

  @Test
  void unitLinesAreGroupedByUnit() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "[\"Id=nginx.service\",\"ActiveState=active\",\"UnitFileState=enabled\","
            + "\"Id=php8.4-fpm.service\",\"ActiveState=inactive\",\"UnitFileState=\",\"\"]");

    Map<String, UnitState> units = UnitState.parse(json);

    assertThat(units).containsEntry("nginx.service", new UnitState("enabled", "active"))
        .containsEntry("php8.4-fpm.service", new UnitState("", "inactive"));
  }
}
