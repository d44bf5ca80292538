package dev.switchboard.queue.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.switchboard.queue.QueueSettings;

/** What makes a channel unhealthy: failures of its own calls that last longer than the bound, and nothing else. */
class ChannelHealthTest {

  final ChannelSettings settings = new ChannelSettings("orders", "pod-1/orders", QueueSettings.defaults("sb", "orders"), Duration.ofSeconds(2),
      Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO, 64, 8, Duration.ofSeconds(2), Duration.ofMillis(250),
      Duration.ofSeconds(6), "retry");
  final ChannelHealth health = new ChannelHealth(this.settings);
  final long now = System.currentTimeMillis();

  @Test
  void shouldStayHealthyWhileFailuresAreYoungerThanTheBound() {
    this.health.fetchFailed(this.now, new IllegalStateException("ERR non local key"));

    assertThat(this.health.isHealthy()).isTrue();
    assertThat(this.health.snapshot().healthy()).isTrue();
  }

  @Test
  void shouldTurnUnhealthyWhenFetchesFailedLongerThanTheBoundAndRecoverWithTheNextFetch() {
    this.health.fetchFailed(this.now - 7000, new IllegalStateException("ERR non local key"));
    this.health.fetchFailed(this.now - 10, new IllegalStateException("ERR non local key"));

    assertThat(this.health.isHealthy()).isFalse();
    var snapshot = this.health.snapshot();
    assertThat(snapshot.queue()).isEqualTo("orders");
    assertThat(snapshot.error()).isEqualTo("fetch: ERR non local key");
    assertThat(snapshot.failingSince().toEpochMilli()).isEqualTo(this.now - 7000);
    assertThat(this.health.message()).contains("queue 'orders'").contains("non local key");

    this.health.fetched();
    assertThat(this.health.isHealthy()).isTrue();
    assertThat(this.health.snapshot().error()).isNull();
  }

  @Test
  void shouldTurnUnhealthyWhileAnOutcomeWriteKeepsFailing() {
    ChannelHealth.Trouble ack = this.health.outcomeWriteFailed("ack", this.now - 7000, new IllegalStateException("CONNECTION_CLOSED"));
    this.health.fetched(); // fetches that work do not make up for acknowledgements that do not

    assertThat(this.health.isHealthy()).isFalse();
    assertThat(this.health.snapshot().error()).isEqualTo("ack: CONNECTION_CLOSED");

    ack.end();
    assertThat(this.health.isHealthy()).isTrue();
  }

  @Test
  void shouldStayDownAfterAFailStop() {
    this.health.stopped(new IllegalStateException("boom"));
    this.health.fetched();

    assertThat(this.health.isHealthy()).isFalse();
    assertThat(this.health.isStopped()).isTrue();
    assertThat(this.health.message()).contains("stopped after a failure: boom");
  }
}
