package com.conobium.gardien.modules.spi;

/** One thing the engine does on a server to apply a {@link Change}. Steps are plain data. */
public sealed interface Step permits Step.Run, Step.PutFile {

  /**
   * Runs a POSIX shell script as root, with {@code set -e}: the first command that fails stops
   * it and fails the change.
   *
   * @param script the script
   * @param stdin text fed to the script's standard input (secrets go here, never in the script);
   *     may be null
   */
  record Run(String script, String stdin) implements Step {
    public Run(String script) {
      this(script, null);
    }

    /** Standard input may hold a secret: it is never shown. */
    @Override
    public String toString() {
      return "Run[script=" + script + ", stdin=" + (stdin == null ? "none" : "(hidden)") + "]";
    }
  }

  /**
   * Writes a file atomically. When {@code validate} is given, it runs with the new file in place;
   * if it fails, the previous file is put back (or the new one removed) and the change fails, so a
   * service that reloads afterwards never sees a broken configuration.
   *
   * @param path absolute path
   * @param content the whole content
   * @param mode octal mode, e.g. {@code 0644}
   * @param owner owner user
   * @param group owner group
   * @param validate shell command that checks the configuration, e.g. {@code sshd -t}; may be null
   */
  record PutFile(String path, String content, String mode, String owner, String group, String validate)
      implements Step {
    public static PutFile of(String path, String content) {
      return new PutFile(path, content, "0644", "root", "root", null);
    }

    public PutFile validatedBy(String command) {
      return new PutFile(path, content, mode, owner, group, command);
    }

    /** The content may be sensitive: only its size is shown. */
    @Override
    public String toString() {
      return "PutFile[path=" + path + ", " + content.length() + " chars, mode=" + mode + ", owner="
          + owner + ":" + group + ", validate=" + validate + "]";
    }
  }
}
