package dev.switchboard.tenant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The tenant registry in Redis, on the queue client (never evicted): one hash per tenant, an index for paging, the
 * uniqueness indexes and a versioned change log (keys in {@link TenantKeys}). Writes are scripts that check and
 * claim in one step; reads of many tenants go in batches of {@value #BATCH} commands per round trip, a few round trips at once.
 */
@ApplicationScoped
public class TenantStore {

  static final int BATCH = 500;
  static final int BATCHES_IN_FLIGHT = 4;
  // a replica further behind than this many changed tenants reloads the whole registry instead
  static final int MAX_CHANGES = 100_000;
  private static final LuaScript SAVE = LuaScript.fromResources("tenant/lua/lib.lua", "tenant/lua/save.lua");
  private static final LuaScript PURGE = LuaScript.fromResources("tenant/lua/lib.lua", "tenant/lua/purge.lua");
  private static final LuaScript SINCE = LuaScript.fromResources("tenant/lua/since.lua");
  // more changed tenants than this since a replica's version: it reloads the whole registry instead
  static final int MOST_CHANGES = 1000;

  private final ReactiveRedisDataSource redis;
  private final ReactivePubSubCommands<String> pubsub;
  private final TenantKeys keys;

  public TenantStore(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, SwitchboardConfig config) {
    this.redis = redis;
    this.pubsub = redis.pubsub(String.class);
    this.keys = new TenantKeys(config.keyPrefix());
  }

  /** What a write came to. */
  public sealed interface Saved {
    record Ok(long version, long rev) implements Saved { }
    record Exists() implements Saved { }
    record Missing() implements Saved { }
    record Stale() implements Saved { }
    record PhoneTaken(String owner) implements Saved { }
    record TokenTaken() implements Saved { }
  }

  /** Creates the tenant ({@code create}) or replaces the revision {@code record.rev()} of it. */
  public Uni<Saved> save(TenantRecord record, boolean create) {
    List<String> args = new ArrayList<>();
    args.add(create ? "create" : "update");
    args.add(record.id());
    args.add(Long.toString(record.rev()));
    args.add(record.phoneNumberId() == null ? "" : record.phoneNumberId());
    args.add(TenantCodec.digests(record.apiTokens()));
    args.add(Integer.toString(MAX_CHANGES));
    args.addAll(TenantCodec.fields(record));
    return SAVE.run(this.redis, this.keys.scriptKeys(record.id()), args).map(answer -> switch (answer.get(0).toString()) {
      case "ok" -> new Saved.Ok(answer.get(1).toLong(), answer.get(2).toLong());
      case "exists" -> new Saved.Exists();
      case "missing" -> new Saved.Missing();
      case "stale" -> new Saved.Stale();
      case "phone_taken" -> new Saved.PhoneTaken(answer.get(1).toString());
      default -> new Saved.TokenTaken();
    });
  }

  /** Removes a deleted tenant whose tombstone is due; the new version, or empty when it was kept. */
  public Uni<Optional<Long>> purge(String id, long now) {
    return PURGE.run(this.redis, this.keys.scriptKeys(id), List.of(id, Long.toString(now), Integer.toString(MAX_CHANGES)))
        .map(answer -> "ok".equals(answer.get(0).toString()) ? Optional.of(answer.get(1).toLong()) : Optional.<Long>empty());
  }

  public Uni<Optional<TenantRecord>> find(String id) {
    return this.redis.hash(String.class).hgetall(this.keys.tenant(id))
        .map(hash -> hash == null || hash.isEmpty() ? Optional.<TenantRecord>empty() : Optional.of(TenantCodec.record(hash)));
  }

  /** The tenants with these ids that exist, in the order given; a few batches in flight at once. */
  public Uni<List<TenantRecord>> findAll(List<String> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += BATCH) {
      starts.add(i);
    }
    Map<Integer, List<TenantRecord>> byStart = new java.util.concurrent.ConcurrentHashMap<>();
    return Multi.createFrom().iterable(starts)
        .onItem().transformToUni(start -> this.redis.getRedis()
            .batch(ids.subList(start, Math.min(ids.size(), start + BATCH)).stream()
                .map(id -> Request.cmd(Command.HGETALL).arg(this.keys.tenant(id))).toList())
            .invoke(responses -> byStart.put(start, records(responses))))
        .merge(BATCHES_IN_FLIGHT)
        .collect().last()
        .map(ignored -> starts.stream().flatMap(start -> byStart.get(start).stream()).toList());
  }

  private static List<TenantRecord> records(List<Response> responses) {
    List<TenantRecord> records = new ArrayList<>(responses.size());
    for (Response response : responses) {
      Map<String, String> hash = hash(response);
      if (!hash.isEmpty()) {
        records.add(TenantCodec.record(hash));
      }
    }
    return records;
  }

  /** Up to {@code limit} ids after {@code afterId} (exclusive; null from the start), in id order. */
  public Uni<List<String>> ids(String afterId, int limit) {
    String from = afterId == null ? "-" : "(" + afterId;
    return this.redis.execute("ZRANGEBYLEX", this.keys.index(), from, "+", "LIMIT", "0", Integer.toString(limit))
        .map(TenantStore::strings);
  }

  public Uni<List<String>> allIds() {
    return this.redis.execute("ZRANGE", this.keys.index(), "0", "-1").map(TenantStore::strings);
  }

  public Uni<Long> count() {
    return this.redis.execute("ZCARD", this.keys.index()).map(Response::toLong);
  }

  /** The registry's version and the highest version the change log no longer holds. */
  public record Version(long version, long floor) {
  }

  public Uni<Version> version() {
    return this.redis.execute("HMGET", this.keys.meta(), "version", "floor")
        .map(answer -> new Version(longOf(answer.get(0)), longOf(answer.get(1))));
  }

  /**
   * What changed after {@code version}: the registry's version, whether the replica must reload everything instead, and
   * each changed tenant as it is now (empty: purged). One round trip.
   */
  public record Changes(long version, boolean reload, Map<String, Optional<TenantRecord>> changed) {
  }

  public Uni<Changes> since(long version) {
    return SINCE.run(this.redis, List.of(this.keys.meta(), this.keys.changes()), List.of(Long.toString(version), Integer.toString(MOST_CHANGES)))
        .map(answer -> {
          long current = answer.get(0).toLong();
          String kind = answer.get(1).toString();
          Map<String, Optional<TenantRecord>> changed = new HashMap<>();
          for (int i = 2; i + 1 < answer.size(); i += 2) {
            Map<String, String> hash = hash(answer.get(i + 1));
            changed.put(answer.get(i).toString(), hash.isEmpty() ? Optional.empty() : Optional.of(TenantCodec.record(hash)));
          }
          return new Changes(current, "reload".equals(kind), changed);
        });
  }

  public Uni<Void> announce(long version) {
    return this.pubsub.publish(this.keys.channel(), Long.toString(version));
  }

  /** Calls {@code onVersion} for every announced version; {@code onLost} when the subscription ends or fails. */
  public Uni<ReactivePubSubCommands.ReactiveRedisSubscriber> subscribe(Consumer<String> onVersion, Consumer<Throwable> onLost) {
    return this.pubsub.subscribe(this.keys.channel(), onVersion, () -> onLost.accept(null), onLost);
  }

  static Map<String, String> hash(Response response) {
    Map<String, String> hash = new HashMap<>();
    if (response == null) {
      return hash;
    }
    if (response.isMap()) {
      response.getKeys().forEach(field -> hash.put(field, response.get(field).toString()));
    } else {
      for (int i = 0; i + 1 < response.size(); i += 2) {
        hash.put(response.get(i).toString(), response.get(i + 1).toString());
      }
    }
    return hash;
  }

  private static List<String> strings(Response response) {
    List<String> out = new ArrayList<>(response.size());
    response.forEach(item -> out.add(item.toString()));
    return out;
  }

  private static long longOf(Response value) {
    return value == null ? 0 : value.toLong();
  }
}
