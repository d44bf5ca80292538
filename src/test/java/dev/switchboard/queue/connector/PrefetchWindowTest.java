package dev.switchboard.queue.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The prefetch window: about 4 ms of the channel's recent pace, between the configured prefetch and batch-size. */
class PrefetchWindowTest {

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final PrefetchWindow window = new PrefetchWindow(8, 64, this.now::get);

  @Test
  void shouldHoldAboutFourMillisecondsOfWorkOnceAWindowOfPaceIsKnown() {
    assertThat(this.window.size()).as("before any pace is known").isEqualTo(8);
    finish(1000, 100); // 10,000 jobs/s: 40 in 4 ms
    assertThat(this.window.size()).isEqualTo(40);
  }

  @Test
  void shouldStayBetweenThePrefetchAndTheBatchSize() {
    finish(100_000, 100);
    assertThat(this.window.size()).as("a million jobs/s").isEqualTo(64);
    finish(10, 100);
    assertThat(this.window.size()).as("100 jobs/s: slow jobs keep the configured few").isEqualTo(8);
  }

  @Test
  void shouldShrinkWhenJobsStopFinishing() {
    finish(1000, 100);
    assertThat(this.window.size()).isEqualTo(40);
    this.now.addAndGet(5_000_000_000L); // a long job: nothing finished for 5 s
    assertThat(this.window.size()).isEqualTo(8);
  }

  @Test
  void shouldNeverFetchAheadWhenPrefetchIsZero() {
    PrefetchWindow off = new PrefetchWindow(0, 64, this.now::get);
    for (int i = 0; i < 1000; i++) {
      off.finished();
    }
    this.now.addAndGet(100_000_000L);
    assertThat(off.size()).isZero();
  }

  private void finish(int jobs, long overMillis) {
    for (int i = 0; i < jobs; i++) {
      this.window.finished();
    }
    this.now.addAndGet(overMillis * 1_000_000);
  }
}
