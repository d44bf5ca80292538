package dev.switchboard.queue.connector;

import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING_AND_OUTGOING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.OUTGOING;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.QueueMetrics;
import dev.switchboard.queue.QueueRegistry;
import dev.switchboard.queue.redis.QueueScripts;
import dev.switchboard.queue.QueueSettings;
import dev.switchboard.redis.RedisClients;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;
import io.smallrye.reactive.messaging.providers.helpers.MultiUtils;
import io.vertx.mutiny.core.Vertx;

/**
 * Job queues on Redis Streams as a Reactive Messaging connector. Incoming channels deliver jobs to
 * {@code @Incoming} methods (ack completes the job, nack retries it or lets it die); outgoing channels enqueue.
 * SmallRye's {@code concurrency} attribute sets the jobs in flight per replica: each copy of the channel pulls
 * from one shared {@link QueueWorker} per queue, which fetches in batches.
 */
@ApplicationScoped
@Connector(RedisStreamsConnector.CONNECTOR_NAME)
@ConnectorAttribute(name = "queue", type = "string", direction = INCOMING_AND_OUTGOING, description = "Queue name; defaults to the channel name")
@ConnectorAttribute(name = "priority", type = "int", direction = OUTGOING, description = "Priority of jobs sent without JobOptions metadata, 0-10 (higher first)", defaultValue = "5")
@ConnectorAttribute(name = "group-concurrency", type = "int", direction = INCOMING_AND_OUTGOING, description = "Jobs of one group (tenant) active at once across all replicas; 0 = no limit", defaultValue = "0")
@ConnectorAttribute(name = "max-attempts", type = "int", direction = INCOMING_AND_OUTGOING, description = "Attempts before a failing job goes dead", defaultValue = "3")
@ConnectorAttribute(name = "backoff", type = "string", direction = INCOMING, description = "First retry delay; doubles with each attempt, plus up to 20 % jitter", defaultValue = "2s")
@ConnectorAttribute(name = "backoff-max", type = "string", direction = INCOMING, description = "Longest retry delay", defaultValue = "5m")
@ConnectorAttribute(name = "visibility-timeout", type = "string", direction = INCOMING, description = "A delivered job not acknowledged or extended for this long is reclaimed by another consumer", defaultValue = "30s")
@ConnectorAttribute(name = "job-timeout", type = "string", direction = INCOMING, description = "Hard limit of one attempt; 0 = none", defaultValue = "0")
@ConnectorAttribute(name = "retention-completed-count", type = "int", direction = INCOMING_AND_OUTGOING, description = "Completed jobs kept", defaultValue = "1000")
@ConnectorAttribute(name = "retention-completed-age", type = "string", direction = INCOMING_AND_OUTGOING, description = "How long completed jobs are kept", defaultValue = "24h")
@ConnectorAttribute(name = "retention-failed-count", type = "int", direction = INCOMING_AND_OUTGOING, description = "Dead jobs kept", defaultValue = "5000")
@ConnectorAttribute(name = "retention-failed-age", type = "string", direction = INCOMING_AND_OUTGOING, description = "How long dead jobs are kept", defaultValue = "7d")
@ConnectorAttribute(name = "batch-size", type = "int", direction = INCOMING, description = "Most jobs fetched in one round trip", defaultValue = "64")
@ConnectorAttribute(name = "block-time", type = "string", direction = INCOMING, description = "How long an idle consumer waits for new jobs in one blocking read", defaultValue = "2s")
@ConnectorAttribute(name = "promote-interval", type = "string", direction = INCOMING, description = "How often due delayed jobs and retries are moved to waiting", defaultValue = "250ms")
public class RedisStreamsConnector implements InboundConnector, OutboundConnector, HealthReporter {

  public static final String CONNECTOR_NAME = "redis-streams";

  private final Map<String, QueueWorker> workers = new ConcurrentHashMap<>();
  private final QueueRegistry registry;
  private final QueueScripts scripts;
  private final JobQueue jobQueue;
  private final QueueMetrics metrics;
  private final ReactiveRedisDataSource reader;
  private final Vertx vertx;

  public RedisStreamsConnector(QueueRegistry registry, QueueScripts scripts, JobQueue jobQueue, QueueMetrics metrics,
      @RedisClientName(RedisClients.QUEUE_READER) ReactiveRedisDataSource reader, Vertx vertx) {
    this.registry = registry;
    this.scripts = scripts;
    this.jobQueue = jobQueue;
    this.metrics = metrics;
    this.reader = reader;
    this.vertx = vertx;
  }

  @Override
  public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
    var conf = new RedisStreamsConnectorIncomingConfiguration(config);
    QueueSettings settings = QueueSettings.of(this.registry.prefix(), conf.getQueue().orElse(baseChannel(conf.getChannel())), conf);
    // one worker per channel (its copies share it); two channels on one queue act as two consumers
    String channel = baseChannel(conf.getChannel());
    QueueWorker worker = this.workers.computeIfAbsent(channel, ignored -> {
      QueueWorker created = new QueueWorker(settings, this.registry.consumerName() + "/" + channel, this.scripts, this.reader,
          this.metrics, this.vertx.getOrCreateContext());
      created.start();
      return created;
    });
    return Multi.createBy().repeating().uni(worker::next).indefinitely();
  }

  @Override
  public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
    var conf = new RedisStreamsConnectorOutgoingConfiguration(config);
    String queue = conf.getQueue().orElse(conf.getChannel());
    int priority = conf.getPriority();
    return MultiUtils.via(multi -> multi.call(message -> this.jobQueue.enqueueMessage(queue, priority, message)));
  }

  /** Workers by channel name, for health and tests. */
  public Map<String, QueueWorker> workers() {
    return Map.copyOf(this.workers);
  }

  @Override
  public HealthReport getReadiness() {
    var builder = HealthReport.builder();
    this.workers.values().forEach(worker -> builder.add(worker.settings().queue() + "@" + worker.consumer(), worker.isHealthy(), worker.healthMessage()));
    return builder.build();
  }

  /** First thing at shutdown: no new fetches, before the Redis clients close underneath the workers. */
  void onShutdown(@Observes @jakarta.annotation.Priority(1) io.quarkus.runtime.ShutdownEvent event) {
    this.workers.values().forEach(QueueWorker::stopFetching);
  }

  /** Stops fetching and lets jobs in flight finish (bounded), so a rolling deploy hands work over cleanly. */
  void terminate(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class) Object event) {
    List<QueueWorker> all = List.copyOf(this.workers.values());
    all.forEach(QueueWorker::stopFetching);
    for (QueueWorker worker : all) {
      if (!worker.awaitIdle(Duration.ofSeconds(10))) {
        Log.warnf("Queue '%s': %d job(s) still running at shutdown; another replica reclaims them after the visibility timeout",
            worker.settings().queue(), worker.inFlightCount());
      }
      worker.close();
    }
  }

  static String baseChannel(String channel) {
    int separator = channel.indexOf('$');
    return separator < 0 ? channel : channel.substring(0, separator);
  }
}
