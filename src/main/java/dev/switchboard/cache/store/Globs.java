package dev.switchboard.cache.store;

/** Glob patterns for SCAN MATCH. */
public final class Globs {

  private Globs() {
  }

  /** The text with the glob special characters ({@code * ? [ ] \}) escaped, so that it matches only itself. */
  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 4);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
