package dev.switchboard.send.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class RedisClockOffsetTest {

  /** Redis's clock runs this far ahead of the local monotonic clock in the simulated calls. */
  static final long TRUE_OFFSET = 1_767_268_800_000_000L;

  @Test
  void shouldKnowTheOffsetAsCloselyAsTheFastestCallAndAlwaysHoldTheTrueOne() {
    Random random = new Random(42);
    RedisClockOffset estimate = null;
    long local = 1_000_000;
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < 200; i++) {
      // a call slowed by a busy host on either leg: up to 10 ms there and 10 ms back (200 of them within the window)
      long there = 50 + random.nextInt(10_000);
      long back = 50 + random.nextInt(10_000);
      long asked = local;
      long redisNow = asked + there + TRUE_OFFSET;
      long answered = asked + there + back;
      RedisClockOffset call = RedisClockOffset.of(redisNow, asked, answered);
      estimate = estimate == null ? call : estimate.narrowedBy(call);
      fastest = Math.min(fastest, there + back);
      assertThat(estimate.low()).isLessThanOrEqualTo(TRUE_OFFSET);
      assertThat(estimate.high()).isGreaterThanOrEqualTo(TRUE_OFFSET);
      local = answered + 1_000;
    }
    assertThat(estimate.high() - estimate.low()).isLessThanOrEqualTo(fastest);
    long slot = 5_000_000 + TRUE_OFFSET;
    // waiting until the latest local moment of a slot is never early, counting lateness from the earliest never hides any
    assertThat(estimate.latestLocal(slot)).isGreaterThanOrEqualTo(slot - TRUE_OFFSET);
    assertThat(estimate.earliestLocal(slot)).isLessThanOrEqualTo(slot - TRUE_OFFSET);
  }

  @Test
  void shouldStartOverWhenACallDisagreesWithTheEstimate() {
    RedisClockOffset estimate = RedisClockOffset.of(10_500, 0, 1_000).narrowedBy(RedisClockOffset.of(11_600, 1_500, 1_700));
    assertThat(estimate.low()).isEqualTo(9_900);
    assertThat(estimate.high()).isEqualTo(10_100);
    // another node, its clock 50 ms ahead: the old estimate would put its slots 50 ms too early
    RedisClockOffset failedOver = estimate.narrowedBy(RedisClockOffset.of(2_000 + 60_000, 1_900, 2_300));
    assertThat(failedOver.low()).isEqualTo(59_700);
    assertThat(failedOver.high()).isEqualTo(60_100);
  }

  @Test
  void shouldForgetWhatItLearntAfterTheWindow() {
    RedisClockOffset estimate = RedisClockOffset.of(10_500, 0, 1_000).narrowedBy(RedisClockOffset.of(11_600, 1_500, 1_700));
    long later = 1_700 + RedisClockOffset.WINDOW_MICROS + 1;
    // this call meets the estimate [9,900, 10,100] (a clock that moved a little would too): the window ends it anyway
    RedisClockOffset renewed = estimate.narrowedBy(RedisClockOffset.of(later + 10_000, later - 20_000, later));
    assertThat(renewed.low()).isEqualTo(10_000);
    assertThat(renewed.high()).isEqualTo(30_000);
  }
}
