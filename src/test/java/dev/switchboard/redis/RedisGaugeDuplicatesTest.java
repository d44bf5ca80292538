package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RedisGaugeDuplicatesTest {

  private final RedisGaugeDuplicates filter = new RedisGaugeDuplicates();

  @Test
  void shouldDropTheDuplicateWarningOfTheRedisPoolGaugesOnly() {
    assertThat(this.filter.isLoggable(micrometer("MeterId{name='redis.pool.queue.size', tags=[tag(pool.name=cache),tag(pool.type=redis)]}")))
        .isFalse();
    assertThat(this.filter.isLoggable(micrometer("MeterId{name='redis.active.connections', tags=[tag(clientName=queue)]}"))).isFalse();
    assertThat(this.filter.isLoggable(micrometer("MeterId{name='switchboard.queue.jobs', tags=[tag(queue=whatsapp-send)]}"))).isTrue();
  }

  @Test
  void shouldLetEveryOtherLineThrough() {
    ExtLogRecord other = new ExtLogRecord(Level.WARNING, "This Gauge has been already registered (MeterId{name='redis.pool.idle'})",
        RedisGaugeDuplicatesTest.class.getName());
    other.setLoggerName("dev.switchboard.Something");
    assertThat(this.filter.isLoggable(other)).isTrue();
  }

  /** The warning Micrometer logs for a gauge registered a second time. */
  private static ExtLogRecord micrometer(String meterId) {
    ExtLogRecord record = new ExtLogRecord(Level.WARNING, "This Gauge has been already registered (" + meterId
        + "), the registration will be ignored.", ExtLogRecord.FormatStyle.NO_FORMAT, RedisGaugeDuplicatesTest.class.getName());
    record.setLoggerName("io.micrometer.core.instrument.MeterRegistry");
    return record;
  }
}
