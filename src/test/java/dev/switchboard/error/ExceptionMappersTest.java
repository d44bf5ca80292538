package dev.switchboard.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;

/** Which failures are a Redis outage (503, retry later) rather than a bug (500). */
class ExceptionMappersTest {

  @Test
  void shouldTakeACommandOnAConnectionRedisJustClosedForAnOutage() {
    // what Vert.x answers for a command sent on a pooled connection the moment Redis went away
    assertThat(ExceptionMappers.isRedisUnavailable(new NoStackTraceThrowable("Connection is closed"))).isTrue();
    assertThat(ExceptionMappers.isRedisUnavailable(new IllegalStateException("wrapped", new NoStackTraceThrowable("Connection is closed"))))
        .isTrue();
    assertThat(ExceptionMappers.isRedisUnavailable(new IllegalStateException("a bug"))).isFalse();
  }
}
