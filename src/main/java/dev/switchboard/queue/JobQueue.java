package dev.switchboard.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.queue.connector.JobMetadata;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Producer API of the queues: enqueue with priority, delay, job id (idempotency) and group, one round trip per
 * call however many jobs it carries; plus job look-up and fenced result recording for processors.
 */
@ApplicationScoped
public class JobQueue {

  private static final int MAX_ID_LENGTH = 200;

  private final QueueScripts scripts;
  private final QueueRegistry registry;
  private final QueueMetrics metrics;
  private final ObjectMapper mapper;
  private final ReactiveHashCommands<String, String, String> hashes;

  public JobQueue(QueueScripts scripts, QueueRegistry registry, QueueMetrics metrics, ObjectMapper mapper,
      @RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis) {
    this.scripts = scripts;
    this.registry = registry;
    this.metrics = metrics;
    this.mapper = mapper;
    this.hashes = redis.hash(String.class);
  }

  /** Enqueues one job; answers once Redis has it. */
  public Uni<EnqueueResult> enqueue(String queue, Object payload, JobOptions options) {
    return enqueueAll(queue, List.of(new NewJob(payload, options))).map(results -> results.get(0));
  }

  /** Enqueues many jobs atomically in one round trip; results are in the order given. */
  public Uni<List<EnqueueResult>> enqueueAll(String queue, List<NewJob> jobs) {
    return Uni.createFrom().deferred(() -> {
      QueueSettings settings = this.registry.settings(queue);
      QueueKeys keys = settings.keys();
      long now = System.currentTimeMillis();
      List<String> jobKeys = new ArrayList<>(jobs.size());
      List<String> ids = new ArrayList<>(jobs.size());
      List<String> args = new ArrayList<>(3 + jobs.size() * 7);
      args.add(keys.base());
      args.add(Long.toString(now));
      args.add(Integer.toString(settings.groupConcurrency()));
      for (NewJob job : jobs) {
        JobOptions options = job.options() == null ? JobOptions.defaults() : job.options();
        String id = options.jobId() == null ? this.registry.newJobId() : validId(options.jobId());
        ids.add(id);
        jobKeys.add(keys.job(id));
        args.add(id);
        args.add(serialize(job.payload()));
        args.add(Integer.toString(options.effectivePriority()));
        args.add(options.group() == null ? "" : options.group());
        args.add(Long.toString(options.dueAtMillis(now)));
        args.add(Integer.toString(settings.maxAttempts()));
        args.add(Integer.toString(options.groupLimit() == null ? 0 : options.groupLimit()));
      }
      return this.scripts.run(QueueScripts.ENQUEUE, jobKeys, args).map(response -> {
        List<EnqueueResult> results = new ArrayList<>(ids.size());
        int created = 0;
        for (int i = 0; i < ids.size(); i++) {
          Response result = response.get(i);
          boolean isNew = result.get(0).toInteger() == 1;
          created += isNew ? 1 : 0;
          results.add(new EnqueueResult(ids.get(i), isNew, JobState.fromWire(result.get(1).toString())));
        }
        this.metrics.enqueued(queue, created);
        return results;
      });
    });
  }

  /** The job, while it exists (finished jobs are kept as long as the queue's retention says). */
  public Uni<Optional<Job>> find(String queue, String jobId) {
    QueueKeys keys = this.registry.settings(queue).keys();
    return this.hashes.hgetall(keys.job(jobId))
        .map(hash -> hash == null || hash.isEmpty() ? Optional.<Job>empty() : Optional.of(Job.fromHash(queue, hash)));
  }

  /**
   * Records a result against the running job, if this delivery still owns it. Processors call it before they
   * finish, so that a job reclaimed after a crash can see its effect already happened.
   *
   * @return true when stored, false when the job was handed to another consumer meanwhile
   */
  public Uni<Boolean> recordResult(JobMetadata job, String result) {
    QueueKeys keys = this.registry.settings(job.queue()).keys();
    return this.scripts.run(QueueScripts.RECORD, List.of(keys.job(job.jobId())),
        List.of(keys.base(), job.jobId(), Integer.toString(job.attempt()), result))
        .map(response -> response.toInteger() == 1);
  }

  /** Outgoing channels: enqueue the message's payload with its {@link JobOptions} metadata, then ack it. */
  public Uni<Void> enqueueMessage(String queue, int defaultPriority, Message<?> message) {
    JobOptions options = message.getMetadata(JobOptions.class)
        .orElse(JobOptions.defaults().withPriority(defaultPriority));
    return enqueue(queue, message.getPayload(), options)
        .onItemOrFailure().transformToUni((result, failure) -> failure == null
            ? Uni.createFrom().completionStage(message.ack())
            : Uni.createFrom().completionStage(message.nack(failure)));
  }

  private String serialize(Object payload) {
    if (payload instanceof String text) {
      return text;
    }
    try {
      return this.mapper.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String validId(String id) {
    if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("job id must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    return id;
  }
}
