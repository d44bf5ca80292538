package dev.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

  @Test
  void shouldKeepOnlyCountryPrefixAndLastFourDigits() {
    assertThat(Mask.phone("+4917012345678")).isEqualTo("+49*******5678");
    assertThat(Mask.phone("16505551234")).isEqualTo("16*****1234");
    assertThat(Mask.phone("12345")).isEqualTo("*****");
    assertThat(Mask.secret("s3cret")).doesNotContain("s3cret");
  }
}
