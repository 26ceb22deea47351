package com.conobium.gardien.reconciler.report;

import java.util.function.BiFunction;

/**
 * The prerequisites module's check names and values (written in English for operators, in the
 * state database) in the report's language: the known forms are translated, anything else is
 * shown as it was recorded.
 */
final class PrerequisiteWords {
  private final BiFunction<String, Object[], String> text;

  /** {@code text} formats a message of the report's bundle with its arguments. */
  PrerequisiteWords(BiFunction<String, Object[], String> text) {
    this.text = text;
  }

  String name(String name) {
    if (name.startsWith("separate partition ")) {
      return t("prereqPartition", name.substring("separate partition ".length()));
    }
    return switch (name) {
      case "debian release" -> t("prereqRelease");
      case "raid on bare metal" -> t("prereqRaid");
      case "swap equals ram" -> t("prereqSwap");
      default -> name;
    };
  }

  String value(String value) {
    if (value.endsWith(" is a mount point")) {
      return t("prereqMountPoint", value.substring(0, value.length() - " is a mount point".length()));
    }
    if (value.startsWith("part of ")) {
      return t("prereqPartOf", value.substring("part of ".length()));
    }
    if (value.startsWith("not applicable (") && value.endsWith(")")) {
      return t("prereqNotApplicable", value.substring("not applicable (".length(), value.length() - 1));
    }
    return switch (value) {
      case "own file system" -> t("prereqOwnFileSystem");
      case "missing or not found" -> t("prereqMissing");
      case "an active md array" -> t("prereqMdArray");
      case "no active md array" -> t("prereqNoMdArray");
      default -> value;
    };
  }

  private String t(String key, Object... args) {
    return text.apply(key, args);
  }
}
