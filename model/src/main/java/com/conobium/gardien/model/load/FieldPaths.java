package com.conobium.gardien.model.load;

/** Field paths as people read them: {@code spec.sites[1].domains[0]}. */
final class FieldPaths {
  private FieldPaths() {}

  static String child(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** Whether {@code path} is {@code ancestor} or a field or item inside it. */
  static boolean isSameOrInside(String path, String ancestor) {
    return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
  }
}
