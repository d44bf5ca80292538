package dev.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SanitizeTest {

  @Test
  void shouldKeepAPlainIdAsItIs() {
    assertThat(Sanitize.id("100000000000001")).isEqualTo("100000000000001");
    assertThat(Sanitize.id(null)).isEqualTo("(none)");
  }

  @Test
  void shouldNeverLetAPayloadIdBreakTheLogLineOrRunOn() {
    String forged = "123\n2026-12-01 INFO [dev.switchboard] Tenant acme deleted";
    assertThat(Sanitize.id(forged)).doesNotContain("\n").startsWith("123?2026-12-01?INFO?").hasSize(41).endsWith("…");
    assertThat(Sanitize.id("x".repeat(10_000))).hasSize(41);
    assertThat(Sanitize.id("\u001b[31mred")).isEqualTo("??31mred");
  }

  @Test
  void shouldTurnControlCharactersOfTextIntoSpacesAndCutIt() {
    assertThat(Sanitize.text("line one\r\nline two", 100)).isEqualTo("line one  line two");
    assertThat(Sanitize.text("abcdef", 3)).isEqualTo("abc…");
  }
}
