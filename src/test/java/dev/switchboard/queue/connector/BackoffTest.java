package dev.switchboard.queue.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import dev.switchboard.queue.RetryJobLater;

class BackoffTest {

  final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1));

  @RepeatedTest(20)
  void shouldDoubleWithEachAttemptAndJitterUpwardsOnly() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      long base = 2000L << (attempt - 1);
      assertThat(this.backoff.delay(attempt, new IllegalStateException()).toMillis()).as("attempt " + attempt)
          .isBetween(base, base + base / 5);
    }
  }

  @Test
  void shouldStopGrowingAtTheMaximum() {
    assertThat(this.backoff.delay(10, new IllegalStateException()).toMillis()).isBetween(60_000L, 72_000L);
    assertThat(this.backoff.delay(1_000, new IllegalStateException()).toMillis()).isBetween(60_000L, 72_000L);
  }

  @Test
  void shouldWaitExactlyAsLongAsARetryJobLaterSays() {
    assertThat(this.backoff.delay(1, new RetryJobLater("Retry-After", Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
    assertThat(this.backoff.delay(3, new RetryJobLater("in the past", Duration.ofSeconds(-1)))).isEqualTo(Duration.ZERO);
    // no delay named: the exponential backoff applies
    assertThat(this.backoff.delay(1, new RetryJobLater("no hint", null)).toMillis()).isBetween(2000L, 2400L);
  }
}
