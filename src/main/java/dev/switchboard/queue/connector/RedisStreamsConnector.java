package dev.switchboard.queue.connector;

import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING_AND_OUTGOING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.OUTGOING;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.QueueChannels;
import dev.switchboard.queue.QueueHealth;
import dev.switchboard.queue.QueueMetrics;
import dev.switchboard.queue.QueueRegistry;
import dev.switchboard.queue.QueueSettings;
import dev.switchboard.queue.redis.QueueScripts;
import dev.switchboard.redis.RedisClients;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;
import io.vertx.mutiny.core.Vertx;

/**
 * Job queues on Redis Streams as a Reactive Messaging connector. Incoming channels deliver jobs to {@code @Incoming}
 * methods (ack completes the job, nack goes to the channel's failure strategy); outgoing channels enqueue. SmallRye's
 * {@code concurrency} attribute sets the jobs in flight per replica: its copies of a channel share one
 * {@link RedisStreamsIncomingChannel}, which fetches in batches. The queue-wide attributes (group limit, attempts,
 * retention) are read by {@link QueueRegistry} too, so producers apply them before any consumer starts.
 */
@ApplicationScoped
@Connector(RedisStreamsConnector.CONNECTOR_NAME)
@ConnectorAttribute(name = "queue", type = "string", direction = INCOMING_AND_OUTGOING, description = "Queue name; defaults to the channel name")
@ConnectorAttribute(name = "priority", type = "int", direction = OUTGOING, description = "Priority of jobs whose JobOptions name none, 0-10 (higher first)", defaultValue = "5")
@ConnectorAttribute(name = "group-concurrency", type = "int", direction = INCOMING, description = "Jobs of one group active at once across all replicas; 0 = no limit", defaultValue = QueueSettings.DEFAULT_GROUP_CONCURRENCY)
@ConnectorAttribute(name = "max-attempts", type = "int", direction = INCOMING, description = "Attempts before a failing job goes dead", defaultValue = QueueSettings.DEFAULT_MAX_ATTEMPTS)
@ConnectorAttribute(name = "retention-completed-count", type = "int", direction = INCOMING, description = "Completed jobs kept", defaultValue = QueueSettings.DEFAULT_RETENTION_COMPLETED_COUNT)
@ConnectorAttribute(name = "retention-completed-age", type = "string", direction = INCOMING, description = "How long completed jobs are kept", defaultValue = QueueSettings.DEFAULT_RETENTION_COMPLETED_AGE)
@ConnectorAttribute(name = "retention-failed-count", type = "int", direction = INCOMING, description = "Dead jobs kept", defaultValue = QueueSettings.DEFAULT_RETENTION_FAILED_COUNT)
@ConnectorAttribute(name = "retention-failed-age", type = "string", direction = INCOMING, description = "How long dead jobs are kept", defaultValue = QueueSettings.DEFAULT_RETENTION_FAILED_AGE)
@ConnectorAttribute(name = "failure-strategy", type = "string", direction = INCOMING, description = "What a nack does: 'retry' (backoff, dead after the last attempt), 'dead-letter' (dead at once) or 'fail' (stop the channel)", defaultValue = RedisStreamsFailureHandler.Strategy.RETRY)
@ConnectorAttribute(name = "backoff", type = "string", direction = INCOMING, description = "First retry delay; doubles with each attempt, plus up to 20 % jitter", defaultValue = "2s")
@ConnectorAttribute(name = "backoff-max", type = "string", direction = INCOMING, description = "Longest retry delay", defaultValue = "5m")
@ConnectorAttribute(name = "visibility-timeout", type = "string", direction = INCOMING, description = "A delivered job not acknowledged or extended for this long is reclaimed by another consumer", defaultValue = "30s")
@ConnectorAttribute(name = "job-timeout", type = "string", direction = INCOMING, description = "Hard limit of one attempt; 0 = none", defaultValue = "0")
@ConnectorAttribute(name = "batch-size", type = "int", direction = INCOMING, description = "Most jobs fetched in one round trip", defaultValue = "64")
@ConnectorAttribute(name = "prefetch", type = "int", direction = INCOMING, description = "Fewest jobs fetched ahead of the copies waiting for one, so a copy that finishes finds its next job at hand; quick jobs get more, up to batch-size; 0 = none", defaultValue = "8")
@ConnectorAttribute(name = "block-time", type = "string", direction = INCOMING, description = "How long an idle consumer waits for new jobs in one blocking read", defaultValue = "2s")
@ConnectorAttribute(name = "promote-interval", type = "string", direction = INCOMING, description = "How often due delayed jobs and retries are moved to waiting", defaultValue = "250ms")
@ConnectorAttribute(name = "health-timeout", type = "string", direction = INCOMING, description = "Readiness turns DOWN when fetches or acknowledgements keep failing for this long; defaults to 3 x block-time")
public class RedisStreamsConnector implements InboundConnector, OutboundConnector, HealthReporter {

  public static final String CONNECTOR_NAME = QueueChannels.CONNECTOR;

  private final Map<String, RedisStreamsIncomingChannel> channels = new ConcurrentHashMap<>();
  private final QueueRegistry registry;
  private final QueueScripts scripts;
  private final JobQueue jobs;
  private final QueueMetrics metrics;
  private final QueueHealth health;
  private final ReactiveRedisDataSource reader;
  private final Vertx vertx;
  private final Instance<RedisStreamsFailureHandler.Factory> failureStrategies;

  public RedisStreamsConnector(QueueRegistry registry, QueueScripts scripts, JobQueue jobs, QueueMetrics metrics, QueueHealth health,
      @RedisClientName(RedisClients.QUEUE_READER) ReactiveRedisDataSource reader, Vertx vertx,
      @Any Instance<RedisStreamsFailureHandler.Factory> failureStrategies) {
    this.registry = registry;
    this.scripts = scripts;
    this.jobs = jobs;
    this.metrics = metrics;
    this.health = health;
    this.reader = reader;
    this.vertx = vertx;
    this.failureStrategies = failureStrategies;
  }

  @Override
  public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
    var conf = new RedisStreamsConnectorIncomingConfiguration(config);
    if (!consumersEnabled()) {
      // the CLI runs the same application: it must not take jobs (nor join the consumer groups) while it runs a command
      Log.debugf("Channel '%s': consumers disabled (switchboard.queue.consumers-enabled=false)", conf.getChannel());
      return Multi.createFrom().<Message<?>>nothing();
    }
    // SmallRye calls this once per copy (channel$1, channel$2, ...): the copies share one channel
    String channel = baseChannel(conf.getChannel());
    return this.channels.computeIfAbsent(channel, name -> open(conf, name)).stream();
  }

  private RedisStreamsIncomingChannel open(RedisStreamsConnectorIncomingConfiguration conf, String channel) {
    QueueSettings queue = this.registry.forChannel(channel);
    var settings = ChannelSettings.of(conf, channel, this.registry.consumerName() + "/" + channel, queue);
    Instance<RedisStreamsFailureHandler.Factory> strategy = this.failureStrategies.select(Identifier.Literal.of(settings.failureStrategy()));
    if (!strategy.isResolvable()) {
      throw new IllegalArgumentException("Channel '" + channel + "': unknown failure-strategy '" + settings.failureStrategy()
          + "'; use retry, dead-letter or fail");
    }
    var incoming = new RedisStreamsIncomingChannel(settings, this.scripts, this.reader, this.metrics, this.vertx.getOrCreateContext(),
        strategy.get());
    this.health.register(channel, incoming.health()::snapshot);
    incoming.start();
    return incoming;
  }

  @Override
  public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
    return new RedisStreamsOutgoingChannel(new RedisStreamsConnectorOutgoingConfiguration(config), this.jobs).subscriber();
  }

  /** DOWN for a channel whose fetches or acknowledgements keep failing past its health timeout, or that fail-stopped. */
  @Override
  public HealthReport getReadiness() {
    var report = HealthReport.builder();
    this.channels.forEach((name, channel) -> report.add(name, channel.health().isHealthy(), channel.health().message()));
    return report.build();
  }

  /** DOWN for a channel that fail-stopped: only a restart brings it back. */
  @Override
  public HealthReport getLiveness() {
    var report = HealthReport.builder();
    this.channels.forEach((name, channel) -> report.add(name, !channel.health().isStopped(), channel.health().message()));
    return report.build();
  }

  /**
   * First thing at shutdown, while the Redis and HTTP clients are still open (their own shutdown comes after this
   * observer returns): no new fetches, jobs fetched ahead go back, jobs in flight finish and their completions are
   * written (bounded), so a rolling deploy hands the work over cleanly.
   */
  void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
    List<RedisStreamsIncomingChannel> all = List.copyOf(this.channels.values());
    all.forEach(RedisStreamsIncomingChannel::stopFetching);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (all.stream().anyMatch(RedisStreamsIncomingChannel::busy) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50); // the shutting-down thread, never an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    all.stream().filter(channel -> channel.inFlightCount() > 0).forEach(channel -> Log.warnf(
        "Queue '%s': %d job(s) still running at shutdown; another replica reclaims them after the visibility timeout",
        channel.settings().queueName(), channel.inFlightCount()));
  }

  private static boolean consumersEnabled() {
    return ConfigProvider.getConfig().getOptionalValue("switchboard.queue.consumers-enabled", Boolean.class).orElse(true);
  }

  static String baseChannel(String channel) {
    int separator = channel.indexOf('$');
    return separator < 0 ? channel : channel.substring(0, separator);
  }
}
