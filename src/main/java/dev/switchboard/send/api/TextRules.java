package dev.switchboard.send.api;

import dev.switchboard.error.ApiException;

/**
 * What a message string may hold: any Unicode text, with newline, carriage return and tab (WhatsApp shows them as
 * line breaks and spaces), but no other control characters (NUL, escape, backspace, the C1 block, DEL): WhatsApp
 * has no use for them, and downstream logs and terminals do harm with them. Unpaired surrogates (an escaped
 * {@code \ud800} alone) are not text either: they have no UTF-8 form.
 */
final class TextRules {

  private TextRules() {
  }

  static void check(String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw ApiException.invalid(field, "is not valid Unicode (an unpaired surrogate at character " + i + ")");
      }
      if (isControl(c)) {
        throw ApiException.invalid(field, "must not contain control characters other than newline and tab (U+"
            + String.format("%04X", (int) c) + " at character " + i + ")");
      }
    }
  }

  static boolean isControl(char c) {
    return c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c >= 0x7F && c <= 0x9F;
  }
}
