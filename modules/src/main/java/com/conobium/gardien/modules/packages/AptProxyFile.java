package com.conobium.gardien.modules.packages;

import com.conobium.gardien.modules.spi.Step;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one apt configuration file Gardien owns: the HTTP proxy. */
final class AptProxyFile {
  static final String PATH = "/etc/apt/apt.conf.d/00gardien-proxy";

  private static final Pattern PROXY_LINE =
      Pattern.compile("^Acquire::http::Proxy\\s+\"([^\"]*)\";", Pattern.MULTILINE);

  private AptProxyFile() {}

  /** The file for {@code url}; apt checks it before it replaces the previous one. */
  static Step.PutFile forProxy(String url) {
    String content =
        "// Managed by Gardien: changes here are overwritten.\n"
            + "Acquire::http::Proxy \""
            + url
            + "\";\n";
    return Step.PutFile.of(PATH, content).validatedBy("apt-config dump >/dev/null");
  }

  /** The proxy a file's content sets, as people read it. */
  static String describe(String content) {
    Matcher m = PROXY_LINE.matcher(content);
    return m.find() ? m.group(1) : "other content";
  }
}
