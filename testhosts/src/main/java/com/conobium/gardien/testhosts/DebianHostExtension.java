package com.conobium.gardien.testhosts;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests real Debian 13 servers. A parameter of type {@link TestHost} gets a freshly booted
 * host, powered off when the scope that asked for it ends: a {@code @BeforeAll} parameter lives
 * for the class (share it between tests that do not disturb each other), a test parameter for the
 * test; {@link HostSpec} on the parameter chooses its options (no apt proxy, the web-stack layer).
 * A parameter of type {@link TestHosts} boots more hosts on demand, closed with the run at the
 * latest. Where hosts cannot run
 * (not root, tools missing), tests are skipped with the reason — or fail, when the environment
 * variable {@value TestHosts#REQUIRE_ENV} is 1, as the README's test command sets it.
 */
public final class DebianHostExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(DebianHostExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    Class<?> type = p.getParameter().getType();
    return type == TestHost.class || type == TestHosts.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    TestHosts hosts = shared(c);
    if (p.getParameter().getType() == TestHosts.class) {
      return hosts;
    }
    TestHost host = hosts.boot(options(p));
    c.getStore(NS).put(host, (AutoCloseable) host::close);
    return host;
  }

  private static HostOptions options(ParameterContext p) {
    HostOptions o = HostOptions.defaults();
    HostSpec spec = p.findAnnotation(HostSpec.class).orElse(null);
    if (spec == null) {
      return o;
    }
    o = o.withNamePrefix(spec.namePrefix());
    if (!spec.aptProxy()) {
      o = o.withoutAptProxy();
    }
    return spec.webStack() ? o.withWebStack() : o;
  }

  private static TestHosts shared(ExtensionContext c) {
    Optional<String> reason = TestHosts.unavailableReason();
    if (reason.isPresent()) {
      if ("1".equals(System.getenv(TestHosts.REQUIRE_ENV))) {
        throw new ParameterResolutionException("Real Debian test hosts are required ("
            + TestHosts.REQUIRE_ENV + "=1) but cannot run here: " + reason.get());
      }
      Assumptions.abort("Skipped: real Debian test hosts cannot run here: " + reason.get());
    }
    return c.getRoot().getStore(NS).computeIfAbsent(TestHosts.class,
        k -> TestHosts.start(CacheDir.fromEnvironment()), TestHosts.class);
  }
}
