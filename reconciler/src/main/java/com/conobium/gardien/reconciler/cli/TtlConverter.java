package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.credentials.CredentialSharer;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A credential link's lifetime as people write it: {@code 72h}, {@code 3d}, {@code 30m}, {@code
 * 90s}, or ISO-8601 {@code PT72H}; from 1 second to {@link CredentialSharer#MAX_TTL}. Anything else
 * is a usage error that quotes the value as it was typed.
 */
final class TtlConverter implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");

  @Override
  public Duration convert(String value) {
    Duration ttl = parse(value);
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(CredentialSharer.MAX_TTL) > 0) {
      throw new TypeConversionException("a link lives from 1s to " + CredentialSharer.MAX_TTL.toDays()
          + "d, not '" + value + "'");
    }
    return ttl;
  }

  private static Duration parse(String value) {
    Matcher m = SHORT.matcher(value.strip());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(value.strip());
    } catch (RuntimeException e) {
      throw new TypeConversionException("not a duration: '" + value + "' (e.g. 72h, 3d, 30m)");
    }
  }
}
