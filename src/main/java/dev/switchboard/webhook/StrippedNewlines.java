package dev.switchboard.webhook;

/**
 * Recognises a body whose line breaks were removed on the way, the usual reason a hand-made test delivery fails its
 * signature: {@code curl -d @file} drops CR and LF from the file but keeps the indentation, so a pretty-printed
 * file arrives as one line with runs of spaces after its braces and commas. Meta's own deliveries are compact
 * (no such runs), so the check does not fire on them.
 */
final class StrippedNewlines {

  private StrippedNewlines() {
  }

  /** True when the body has no line break but a brace, bracket or comma followed by two or more spaces. */
  static boolean suspected(byte[] body) {
    boolean indentation = false;
    for (int i = 0; i < body.length; i++) {
      byte b = body[i];
      if (b == '\n' || b == '\r') {
        return false;
      }
      if (!indentation && (b == '{' || b == '[' || b == ',') && i + 2 < body.length && body[i + 1] == ' ' && body[i + 2] == ' ') {
        indentation = true;
      }
    }
    return indentation;
  }
}
