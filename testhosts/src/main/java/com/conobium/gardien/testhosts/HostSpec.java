package com.conobium.gardien.testhosts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@link DebianHostExtension} boots the {@link TestHost} parameter it is on, e.g.
 * {@code @HostSpec(webStack = true) TestHost web} or {@code @HostSpec(aptProxy = false) TestHost bare}.
 * Without it, a host gets {@link HostOptions#defaults()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface HostSpec {
  /** See {@link HostOptions#namePrefix()}. */
  String namePrefix() default "gdn";

  /** See {@link HostOptions#aptProxy()}. */
  boolean aptProxy() default true;

  /** See {@link HostOptions#webStack()}. */
  boolean webStack() default false;
}
