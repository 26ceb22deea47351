package com.conobium.gardien.reconciler.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteCommandTest {
  @Test
  void rootRunsTheScriptUnderShDirectly() {
    assertThat(RemoteCommand.wrap("root", "echo 'hi'")).isEqualTo("exec env GARDIEN_SSH_CLIENT=\"${SSH_CONNECTION%% *}\" /bin/sh -c 'echo '\\''hi'\\'''");
  }

  @Test
  void anotherUserGoesThroughSudoWithoutAPrompt() {
    assertThat(RemoteCommand.wrap("gardien", "id -u")).isEqualTo("exec sudo -n -- env GARDIEN_SSH_CLIENT=\"${SSH_CONNECTION%% *}\" /bin/sh -c 'id -u'");
  }
}
