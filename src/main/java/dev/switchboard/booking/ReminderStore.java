package dev.switchboard.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import dev.switchboard.support.Digests;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reminder records on the queue Redis (they decide whether a message goes out, so they must not be evicted): one
 * hash per tenant, booking and type, {@code <prefix>:reminder:{<tenant>:<bookingId>}:<type>}. The hash tag holds one
 * booking's reminders in one slot; each script touches one key, so this runs on Redis Cluster.
 */
@ApplicationScoped
public class ReminderStore {

  private static final LuaScript SCHEDULE = LuaScript.fromResources("booking/lua/schedule.lua");
  private static final LuaScript TRANSITION = LuaScript.fromResources("booking/lua/transition.lua");

  private final ReactiveRedisDataSource redis;
  private final ReactiveHashCommands<String, String, String> hashes;
  private final ObjectMapper mapper;
  private final String prefix;

  public ReminderStore(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, ObjectMapper mapper, SwitchboardConfig config) {
    this.redis = redis;
    this.hashes = redis.hash(String.class);
    this.mapper = mapper;
    this.prefix = config.keyPrefix();
  }

  /** What {@link #schedule} did; {@code previousVersion} is set when a pending reminder was rescheduled. */
  public record Scheduled(Outcome outcome, long version, Optional<Long> previousVersion) {
  }

  public enum Outcome {
    CREATED, RESCHEDULED, UPDATED, UNCHANGED
  }

  /** What {@link #transition} found: whether it moved the reminder, its state before and its version. */
  public record Transition(boolean moved, Optional<ReminderState> before, long version) {
  }

  /** Makes the request the tenant's one pending reminder of its booking and type; kept until {@code expireAt}. */
  public Uni<Scheduled> schedule(String tenant, ReminderRequest request, Instant now, Instant expireAt) {
    String template = json(request.template());
    List<String> content = List.of("tenant", tenant, "bookingId", request.bookingId(), "type", request.reminderType().wireName(),
        "phone", request.customerPhone(), "serviceName", request.serviceName(), "serviceDate", request.serviceDate().toString(),
        "template", template);
    String digest = Digests.sha256Hex(String.join("\n", content));
    List<String> args = new ArrayList<>(List.of(Long.toString(now.toEpochMilli()), Long.toString(request.sendAt().toEpochMilli()),
        digest, Long.toString(expireAt.toEpochMilli())));
    args.addAll(content);
    return SCHEDULE.run(this.redis, List.of(key(tenant, request.bookingId(), request.reminderType())), args)
        .map(reply -> new Scheduled(Outcome.valueOf(reply.get(0).toString().toUpperCase(java.util.Locale.ROOT)),
            reply.get(1).toLong(), reply.get(2).toString().isEmpty() ? Optional.empty() : Optional.of(reply.get(2).toLong())));
  }

  public Uni<Optional<Reminder>> find(String tenant, String bookingId, ReminderType type) {
    return this.hashes.hgetall(key(tenant, bookingId, type))
        .map(hash -> hash == null || hash.isEmpty() ? Optional.<Reminder>empty() : Optional.of(Reminder.fromHash(hash)));
  }

  /** The booking's reminders, in type order; one read per key (so no multi-key command crosses a slot). */
  public Uni<List<Reminder>> findAll(String tenant, String bookingId) {
    List<Uni<Optional<Reminder>>> reads = Arrays.stream(ReminderType.values()).map(type -> find(tenant, bookingId, type)).toList();
    return Uni.join().all(reads).andFailFast().map(found -> found.stream().flatMap(Optional::stream).toList());
  }

  /**
   * Moves the reminder to {@code to} if it is in one of {@code from} and (unless {@code version} is null) still that
   * version, setting {@code fields} (name, value, ...) with it; atomically.
   */
  public Uni<Transition> transition(String tenant, String bookingId, ReminderType type, Long version, List<ReminderState> from,
      ReminderState to, String... fields) {
    List<String> args = new ArrayList<>(List.of(version == null ? "" : Long.toString(version),
        String.join(",", from.stream().map(ReminderState::wireName).toList()), to.wireName()));
    args.addAll(Arrays.asList(fields));
    return TRANSITION.run(this.redis, List.of(key(tenant, bookingId, type)), args).map(ReminderStore::transition);
  }

  private static Transition transition(Response reply) {
    String before = reply.get(1).toString();
    String version = reply.get(2).toString();
    return new Transition(reply.get(0).toInteger() == 1, before.isEmpty() ? Optional.empty() : Optional.of(ReminderState.fromWire(before)),
        version.isEmpty() ? 0 : Long.parseLong(version));
  }

  String key(String tenant, String bookingId, ReminderType type) {
    return this.prefix + ":reminder:{" + tenant + ":" + bookingId + "}:" + type.wireName();
  }

  private String json(Object value) {
    if (value == null) {
      return "";
    }
    try {
      return this.mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("template cannot be written as JSON", e);
    }
  }
}
