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

  @Test
  void shouldKeepOnlyTheFirstLetterAndTheDomainOfAnEmailAddress() {
    assertThat(Mask.email("anna.berg@example.com")).isEqualTo("a***@example.com");
    assertThat(Mask.email("no-at-sign")).isEqualTo("**********");
    assertThat(Mask.emailsIn("550 5.1.1 <anna.berg@example.com>: Recipient address rejected"))
        .isEqualTo("550 5.1.1 <a***@example.com>: Recipient address rejected");
  }
}
