package dev.switchboard.send;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import dev.switchboard.support.Digests;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * {@code Idempotency-Key}s of the send API, per tenant, for {@code switchboard.send.idempotency-ttl} (24 h): the
 * first request claims the key with the hash of its body and a job id; a later one with the same body gets that job,
 * one with another body a conflict. Records live on the queue Redis (never evicted: a lost key is a double send),
 * at {@code sb:idem:{<tenant>}:<sha-256 of the key>}.
 */
@ApplicationScoped
public class IdempotencyStore {

  private static final LuaScript SCRIPT = LuaScript.fromResources("send/lua/idempotency.lua");

  private final ReactiveRedisDataSource redis;
  private final String prefix;
  private final long ttlMillis;

  public IdempotencyStore(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, SwitchboardConfig config) {
    this.redis = redis;
    this.prefix = config.keyPrefix();
    this.ttlMillis = config.send().idempotencyTtl().toMillis();
  }

  /** What a claim found. */
  public enum Outcome {
    /** First use of the key: enqueue {@code jobId}. */
    NEW,
    /** Same key, same body, and its job is known to be in the queue: answer with it. */
    SAME_ENQUEUED,
    /** Same key, same body, but the first request may not have enqueued (it failed, or is still running): enqueue the same job id again. */
    SAME_PENDING,
    /** Same key, another body. */
    CONFLICT
  }

  public record Claim(Outcome outcome, String jobId) {
  }

  public Uni<Claim> claim(String tenant, String key, String bodyHash, String newJobId) {
    return SCRIPT.run(this.redis, List.of(key(tenant, key)), List.of("claim", bodyHash, newJobId, Long.toString(this.ttlMillis)))
        .map(answer -> {
          String kind = answer.get(0).toString();
          String jobId = answer.get(1).toString();
          return switch (kind) {
            case "new" -> new Claim(Outcome.NEW, jobId);
            case "same" -> new Claim("enqueued".equals(answer.get(2).toString()) ? Outcome.SAME_ENQUEUED : Outcome.SAME_PENDING, jobId);
            default -> new Claim(Outcome.CONFLICT, jobId);
          };
        });
  }

  /** The job of the key is in the queue: replays answer with it and never enqueue again. */
  public Uni<Void> enqueued(String tenant, String key) {
    return SCRIPT.run(this.redis, List.of(key(tenant, key)), List.of("enqueued")).replaceWithVoid();
  }

  /**
   * The request that claimed the key failed without queueing anything (a direct send Graph refused or could not
   * take): forget the claim, so the client's retry with the same key is served instead of answered 409 for 24 h.
   */
  public Uni<Void> release(String tenant, String key, String jobId) {
    return SCRIPT.run(this.redis, List.of(key(tenant, key)), List.of("release", jobId)).replaceWithVoid();
  }

  String key(String tenant, String idempotencyKey) {
    return this.prefix + ":idem:{" + tenant + "}:" + Digests.sha256Hex(idempotencyKey);
  }
}
