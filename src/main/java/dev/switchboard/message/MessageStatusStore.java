package dev.switchboard.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Delivery status of the messages we send: created when a send job is accepted, linked to Meta's message id
 * (wamid) when the Graph API answers, moved forward by status webhooks. Keys: {@code <prefix>:msg:{<job id>}}
 * (hash) and {@code <prefix>:wamid:{<wamid>}} (hash: job id, and a status that arrived before the link).
 * Each script touches one key, so this works on Redis Cluster, where the two keys live in different slots: nothing
 * here needs them changed together. The link and a parked status meet on the wamid key (atomically: a status either
 * finds the job or is parked where the link finds it), and applying a status to the message is idempotent (forward
 * only), so a sender that dies between linking and applying simply links and applies again on its next attempt.
 */
@ApplicationScoped
public class MessageStatusStore {

  /** How long message records and the wamid index live. */
  static final Duration TTL = Duration.ofDays(30);
  // a status that beats our sender's link arrives seconds early; most parked ones are of messages sent elsewhere
  static final Duration PARKED_TTL = Duration.ofDays(1);

  private static final LuaScript ADVANCE = LuaScript.fromResources("message/lua/advance.lua");
  private static final LuaScript WAMID = LuaScript.fromResources("message/lua/wamid.lua");
  private static final LuaScript CREATED = LuaScript.fromResources("message/lua/created.lua");

  private final ReactiveRedisDataSource redis;
  private final ReactiveHashCommands<String, String, String> hashes;
  private final String prefix;

  public MessageStatusStore(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, SwitchboardConfig config) {
    this.redis = redis;
    this.hashes = redis.hash(String.class);
    this.prefix = config.keyPrefix();
  }

  /** A message accepted for sending (status {@code queued}). */
  public Uni<Void> created(String jobId, String tenant, String to) {
    // one script: the record and its TTL in one round trip, on the send API's path
    return eval(CREATED, messageKey(jobId), tenant, to, Long.toString(System.currentTimeMillis()), ttl()).replaceWithVoid();
  }

  /** The Graph API accepted the message: link its wamid, mark it sent, and apply any status that came early. */
  public Uni<String> sent(String jobId, String wamid, Instant sentAt) {
    // the link and "sent" side by side (one round trip of latency, before the send job's ack): statuses only move
    // forward, so a parked status applied after either order ends the same
    return Uni.combine().all().unis(eval(WAMID, wamidKey(wamid), "link", jobId, ttl()), advance(jobId, "sent", sentAt, "", "", wamid))
        .asTuple()
        .chain(both -> {
          Response parked = both.getItem1();
          return parked != null && parked.size() == 4 // wamid.lua: {status, at, code, title} or {}
              ? advance(jobId, parked.get(0).toString(), Instant.ofEpochMilli(parked.get(1).toLong()),
                  text(parked.get(2)), text(parked.get(3)), "")
              : Uni.createFrom().item(both.getItem2());
        });
  }

  /**
   * A status webhook for a wamid. Returns the message's status afterwards, or empty when the wamid is not (yet)
   * ours: the status is then kept for a day in case our sender links it later.
   */
  public Uni<Optional<String>> statusReported(String wamid, String status, Instant at, String errorCode, String errorTitle) {
    return eval(WAMID, wamidKey(wamid), "status", status, Long.toString(at.toEpochMilli()), nullToEmpty(errorCode),
        nullToEmpty(errorTitle), Long.toString(PARKED_TTL.toSeconds()))
        .chain(job -> job == null || job.toString().isEmpty()
            ? Uni.createFrom().item(Optional.<String>empty())
            : advance(job.toString(), status, at, nullToEmpty(errorCode), nullToEmpty(errorTitle), "").map(Optional::of));
  }

  /** A send that failed on our side (dead job) also ends the message's life as failed. */
  public Uni<String> failed(String jobId, String errorCode, String errorTitle) {
    return advance(jobId, "failed", Instant.now(), nullToEmpty(errorCode), nullToEmpty(errorTitle), "");
  }

  public Uni<Optional<MessageStatus>> find(String jobId) {
    return this.hashes.hgetall(messageKey(jobId))
        .map(hash -> hash == null || hash.isEmpty() ? Optional.<MessageStatus>empty() : Optional.of(MessageStatus.fromHash(jobId, hash)));
  }

  private Uni<String> advance(String jobId, String status, Instant at, String code, String title, String wamid) {
    return eval(ADVANCE, messageKey(jobId), status, Long.toString(at.toEpochMilli()), code, title, wamid, ttl())
        .map(response -> response == null ? "" : response.toString());
  }

  /** The send job a Graph message id belongs to, while the index remembers it (one HGET). */
  public Uni<Optional<String>> jobOfWamid(String wamid) {
    return this.hashes.hget(wamidKey(wamid), "job").map(Optional::ofNullable);
  }

  private Uni<Response> eval(LuaScript script, String key, String... args) {
    return script.run(this.redis, List.of(key), List.of(args));
  }

  String messageKey(String jobId) {
    return this.prefix + ":msg:{" + jobId + "}";
  }

  String wamidKey(String wamid) {
    return this.prefix + ":wamid:{" + wamid + "}";
  }

  private static String ttl() {
    return Long.toString(TTL.toSeconds());
  }

  private static String text(Response value) {
    return value == null ? "" : value.toString();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
