package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RedisLogNoiseTest {

  private final RedisLogNoise filter = new RedisLogNoise();

  @Test
  void shouldDropTheDuplicateWarningOfTheRedisPoolGaugesOnly() {
    assertThat(this.filter.isLoggable(gaugeWarning("MeterId{name='redis.pool.queue.size', tags=[tag(pool.name=cache),tag(pool.type=redis)]}")))
        .isFalse();
    assertThat(this.filter.isLoggable(gaugeWarning("MeterId{name='redis.active.connections', tags=[tag(clientName=queue)]}"))).isFalse();
    assertThat(this.filter.isLoggable(gaugeWarning("MeterId{name='switchboard.queue.jobs', tags=[tag(queue=whatsapp-send)]}"))).isTrue();
  }

  @Test
  void shouldDropTheTraceOfAConnectionRedisClosedButNotOtherErrors() {
    assertThat(this.filter.isLoggable(clientError(new SocketException("Connection reset")))).isFalse();
    assertThat(this.filter.isLoggable(clientError(new ClosedChannelException()))).isFalse();
    assertThat(this.filter.isLoggable(clientError(new IllegalStateException("protocol error")))).isTrue();
  }

  @Test
  void shouldLetEveryOtherLineThrough() {
    ExtLogRecord other = new ExtLogRecord(Level.WARNING, "This Gauge has been already registered (MeterId{name='redis.pool.idle'})",
        ExtLogRecord.FormatStyle.NO_FORMAT, RedisLogNoiseTest.class.getName());
    other.setLoggerName("dev.switchboard.Something");
    assertThat(this.filter.isLoggable(other)).isTrue();
  }

  /** The warning Micrometer logs for a gauge registered a second time. */
  private static ExtLogRecord gaugeWarning(String meterId) {
    ExtLogRecord record = new ExtLogRecord(Level.WARNING, "This Gauge has been already registered (" + meterId
        + "), the registration will be ignored.", ExtLogRecord.FormatStyle.NO_FORMAT, RedisLogNoiseTest.class.getName());
    record.setLoggerName("io.micrometer.core.instrument.MeterRegistry");
    return record;
  }

  /** The Vert.x Redis client's line for an error no command was waiting for. */
  private static ExtLogRecord clientError(Throwable thrown) {
    ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "Unhandled Error", ExtLogRecord.FormatStyle.NO_FORMAT, RedisLogNoiseTest.class.getName());
    record.setLoggerName("io.vertx.redis.client.impl.RedisConnectionManager");
    record.setThrown(thrown);
    return record;
  }
}
