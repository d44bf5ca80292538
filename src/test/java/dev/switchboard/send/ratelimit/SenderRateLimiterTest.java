package dev.switchboard.send.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderRateLimiterTest {

  @Test
  void shouldSpaceSlotsSoThatRatePlusOneSpanMoreThanASecondPlusTheMargin() {
    long interval = SenderRateLimiter.intervalMicros(80, 40_000);
    assertThat(interval).isEqualTo(13_000);
    assertThat(80 * interval).isGreaterThanOrEqualTo(1_040_000);
    assertThat(SenderRateLimiter.intervalMicros(1000, 40_000) * 1000).isGreaterThanOrEqualTo(1_040_000);
    assertThat(SenderRateLimiter.intervalMicros(3, 0)).isEqualTo(333_334);
  }
}
