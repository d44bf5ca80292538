package dev.switchboard.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.queue.redis.EnqueueArgs;
import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.queue.redis.QueueScripts;
import dev.switchboard.queue.redis.RecordArgs;
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
  /** Most jobs one shared call of concurrent single enqueues carries. */
  private static final int MAX_SHARED_CALL = 500;

  private final QueueScripts scripts;
  private final QueueRegistry registry;
  private final QueueMetrics metrics;
  private final ObjectMapper mapper;
  private final ReactiveHashCommands<String, String, String> hashes;
  private final Map<String, EnqueueBatcher<Prepared, EnqueueResult>> batchers = new ConcurrentHashMap<>();

  public JobQueue(QueueScripts scripts, QueueRegistry registry, QueueMetrics metrics, ObjectMapper mapper,
      @RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis) {
    this.scripts = scripts;
    this.registry = registry;
    this.metrics = metrics;
    this.mapper = mapper;
    this.hashes = redis.hash(String.class);
  }

  /**
   * Enqueues one job; answers once Redis has it. Concurrent calls for one queue share script calls: while one is
   * in flight, the jobs that arrive meanwhile go together in the next, so a busy intake costs a fraction of a
   * round trip per job and a lone call still goes out at once.
   */
  public Uni<EnqueueResult> enqueue(String queue, Object payload, JobOptions options) {
    // one Uni per job: the caller waits on the emitter the shared call answers (what this throws fails it)
    return Uni.createFrom().emitter(emitter -> {
      Prepared job = prepare(new NewJob(payload, options), System.currentTimeMillis());
      batcher(queue).submit(job, emitter);
    });
  }

  private EnqueueBatcher<Prepared, EnqueueResult> batcher(String queue) {
    EnqueueBatcher<Prepared, EnqueueResult> batcher = this.batchers.get(queue);
    if (batcher != null) {
      return batcher;
    }
    this.registry.settings(queue); // a name no queue can have fails here, before it has a batcher
    return this.batchers.computeIfAbsent(queue, q -> new EnqueueBatcher<>(MAX_SHARED_CALL, jobs -> run(q, jobs)));
  }

  /** Enqueues many jobs atomically in one round trip; results are in the order given. */
  public Uni<List<EnqueueResult>> enqueueAll(String queue, List<NewJob> jobs) {
    return Uni.createFrom().deferred(() -> {
      this.registry.settings(queue); // a name no queue can have fails here
      long now = System.currentTimeMillis();
      List<Prepared> prepared = new ArrayList<>(jobs.size());
      for (NewJob job : jobs) {
        prepared.add(prepare(job, now));
      }
      return run(queue, prepared);
    });
  }

  private Prepared prepare(NewJob job, long now) {
    JobOptions options = job.options() == null ? JobOptions.defaults() : job.options();
    String id = options.jobId() == null ? this.registry.newJobId() : validId(options.jobId());
    return new Prepared(id, serialize(job.payload()), options.effectivePriority(), options.group(), options.dueAtMillis(now),
        options.groupLimit() == null ? 0 : options.groupLimit());
  }

  private Uni<List<EnqueueResult>> run(String queue, List<Prepared> jobs) {
    QueueSettings settings = this.registry.settings(queue);
    EnqueueArgs args = new EnqueueArgs(settings.keys()).now(System.currentTimeMillis()).defaultGroupLimit(settings.groupConcurrency());
    for (Prepared job : jobs) {
      args.job(job.id(), job.data(), job.priority(), job.group(), job.dueAtMillis(), settings.maxAttempts(), job.groupLimit());
    }
    return this.scripts.run(args).map(response -> {
      List<EnqueueResult> results = new ArrayList<>(jobs.size());
      int created = 0;
      for (int i = 0; i < jobs.size(); i++) {
        Response result = response.get(i);
        boolean isNew = result.get(0).toInteger() == 1;
        created += isNew ? 1 : 0;
        results.add(new EnqueueResult(jobs.get(i).id(), isNew, JobState.fromWire(result.get(1).toString())));
      }
      this.metrics.enqueued(queue, created);
      return results;
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
    return this.scripts.run(new RecordArgs(keys).job(job.jobId(), job.attempt()).result(result))
        .map(response -> response.toInteger() == 1);
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

  /** A job ready for the enqueue script; the queue's attempt limit is stamped on it by the call that carries it. */
  private record Prepared(String id, String data, int priority, String group, long dueAtMillis, int groupLimit) {
  }

  private static String validId(String id) {
    if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("job id must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    return id;
  }
}
