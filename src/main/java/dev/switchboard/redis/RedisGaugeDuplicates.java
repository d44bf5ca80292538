package dev.switchboard.redis;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops Micrometer's "This Gauge has been already registered" warning for the Redis client's own gauges, and only
 * those. Its cause is not ours to fix: Quarkus's Redis extension initialises every named client twice at start-up
 * (once for the client beans, once for the data sources; the second client is discarded), and each time the
 * client's connection pool registers its gauges ({@code redis.pool.*}, {@code redis.active.connections}). The
 * first registration is kept and reports the pool in use, so nothing is lost; the warning only says so at every
 * start. Any other duplicate gauge still warns.
 */
@LoggingFilter(name = RedisGaugeDuplicates.NAME)
public final class RedisGaugeDuplicates implements Filter {

  public static final String NAME = "redis-gauge-duplicates";

  private static final String LOGGER = "io.micrometer.core.instrument.MeterRegistry";

  @Override
  public boolean isLoggable(LogRecord record) {
    String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    return !isRedisPoolDuplicate(record.getLoggerName(), message);
  }

  static boolean isRedisPoolDuplicate(String logger, String message) {
    return LOGGER.equals(logger) && message != null && message.startsWith("This Gauge has been already registered")
        && (message.contains("name='redis.pool.") || message.contains("name='redis.active.connections'"));
  }
}
