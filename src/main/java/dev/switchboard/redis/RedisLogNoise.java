package dev.switchboard.redis;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.Log;
import io.quarkus.logging.LoggingFilter;

/**
 * Keeps two kinds of lines the Redis client writes out of the log, because they are expected and said better
 * elsewhere; everything else passes untouched.
 * <ul>
 * <li>Micrometer's "This Gauge has been already registered" for the Redis client's gauges: Quarkus's Redis extension
 * initialises every named client twice at start-up (once for the client beans, once for the data sources; the second
 * is discarded), and each time its pool registers {@code redis.pool.*} and {@code redis.active.connections}. The first
 * registration stays and reports the pool in use, so nothing is lost. Other duplicate gauges still warn.</li>
 * <li>The client's "Unhandled Error" with a stack trace when Redis closes or resets an idle pooled connection (a
 * restart, a failover, an idle timeout): the client reconnects on the next command, and an outage that lasts is
 * reported once, at WARN, by the code that feels it (cache fallback, readiness, 503 answers). It goes to DEBUG, on
 * one line.</li>
 * </ul>
 */
@LoggingFilter(name = RedisLogNoise.NAME)
public final class RedisLogNoise implements Filter {

  public static final String NAME = "redis-log-noise";

  private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
  private static final String CONNECTION_MANAGER = "io.vertx.redis.client.impl.RedisConnectionManager";

  @Override
  public boolean isLoggable(LogRecord record) {
    String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    if (isRedisGaugeDuplicate(record.getLoggerName(), message)) {
      return false;
    }
    if (isClosedConnection(record.getLoggerName(), message, record.getThrown())) {
      Log.debugf("A pooled Redis connection was closed by the server (%s); the client reconnects when it is next used",
          record.getThrown().toString());
      return false;
    }
    return true;
  }

  static boolean isRedisGaugeDuplicate(String logger, String message) {
    return METER_REGISTRY.equals(logger) && message != null && message.startsWith("This Gauge has been already registered")
        && (message.contains("name='redis.pool.") || message.contains("name='redis.active.connections'"));
  }

  /** The client's unhandled-error line whose cause is the connection going away, not a command or protocol fault. */
  static boolean isClosedConnection(String logger, String message, Throwable thrown) {
    return CONNECTION_MANAGER.equals(logger) && message != null && message.startsWith("Unhandled Error")
        && (thrown instanceof ClosedChannelException || thrown instanceof IOException);
  }
}
