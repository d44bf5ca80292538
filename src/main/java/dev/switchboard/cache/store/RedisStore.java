package dev.switchboard.cache.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The cache's commands on the {@code cache} Redis client, as raw payload strings. Bulk reads and writes take one
 * round trip on a single Redis (MGET; a pipeline of SET PX, one per 1000 entries) and one round trip per master on a
 * cluster (a pipeline of per-slot MGETs or SETs sent to each master at once), because the cluster client can neither pipeline keys of
 * several masters nor keep MGET's order when it splits one (its MGET reducer joins the parts in slot-map order).
 * Scans visit every master. Timeouts and failures are the caller's ({@link CacheBackend}) business.
 */
@Singleton // no client proxy: its methods sit on the read path of every cache call
public class RedisStore {

  private static final LuaScript CAS_SET = LuaScript.fromResources("cache/lua/cas-set.lua");
  private static final LuaScript INCREMENT = LuaScript.fromResources("cache/lua/increment.lua");
  private static final LuaScript EXPIRE = LuaScript.fromResources("cache/lua/expire.lua");
  private static final LuaScript UNLOCK = LuaScript.fromResources("cache/lua/unlock.lua");
  private static final int SCAN_COUNT = 500;

  private final ReactiveRedisDataSource ds;
  private final Redis redis;
  private final RedisTopology topology;

  public RedisStore(@RedisClientName(RedisClients.CACHE) ReactiveRedisDataSource ds, RedisTopology topology) {
    this.ds = ds;
    this.redis = ds.getRedis();
    this.topology = topology;
  }

  RedisTopology topology() {
    return this.topology;
  }

  /** The Vert.x client under the Mutiny one, for the read path that answers in one callback ({@link CacheBackend#read}). */
  io.vertx.redis.client.Redis bare() {
    return this.redis.getDelegate();
  }

  public Uni<String> get(String key) {
    return this.redis.send(Request.cmd(Command.GET).arg(key)).map(RedisStore::string);
  }

  /** Values of the keys, in their order (null where absent). */
  public Uni<List<String>> getAll(List<String> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return this.topology.current().chain(topology -> {
      if (!topology.cluster()) {
        Request mget = Request.cmd(Command.MGET);
        keys.forEach(mget::arg);
        return this.redis.send(mget).map(RedisStore::strings);
      }
      String[] values = new String[keys.size()];
      return ClusterBatches.getAll(this.redis, topology, keys, values).invoke(this::invalidateOnFailure)
          .replaceWith(() -> java.util.Arrays.asList(values));
    });
  }

  public Uni<Void> set(String key, String payload, long pxMillis) {
    return this.redis.send(setCommand(key, payload, pxMillis)).replaceWithVoid();
  }

  /** Writes every entry with the same expiry: a pipeline, never a cross-slot MSET. */
  public Uni<Void> setAll(Map<String, String> payloads, long pxMillis) {
    if (payloads.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Map<String, Request> requests = new LinkedHashMap<>();
    payloads.forEach((key, payload) -> requests.put(key, setCommand(key, payload, pxMillis)));
    return this.topology.current().chain(topology -> topology.cluster()
        ? ClusterBatches.send(this.redis, topology, requests).invoke(this::invalidateOnFailure).replaceWithVoid()
        : ClusterBatches.pipeline(this.redis, new ArrayList<>(requests.values())).replaceWithVoid());
  }

  /** SET … PX … GET: writes the value and answers what it replaced (null: nothing). */
  public Uni<String> replace(String key, String value, long pxMillis) {
    return this.redis.send(setCommand(key, value, pxMillis).arg("GET")).map(RedisStore::string);
  }

  /** SET NX PX: true when the key was absent and is now ours. */
  public Uni<Boolean> setIfAbsent(String key, String value, long pxMillis) {
    return this.redis.send(Request.cmd(Command.SET).arg(key).arg(value).arg("NX").arg("PX").arg(pxMillis)).map(reply -> reply != null);
  }

  /** Writes the payload only if the entry still is what was read before ({@code expectedSha1}: its SHA-1, or "" for none). */
  public Uni<Boolean> compareAndSet(String key, String expectedSha1, String payload, long pxMillis) {
    return CAS_SET.run(this.ds, List.of(key), List.of(expectedSha1, payload, Long.toString(Math.max(0, pxMillis))))
        .map(reply -> reply.toInteger() == 1);
  }

  public Uni<Boolean> release(String lockKey, String token) {
    return UNLOCK.run(this.ds, List.of(lockKey), List.of(token)).map(reply -> reply.toInteger() == 1);
  }

  /** Removes the key; 1 when it existed. */
  public Uni<Long> unlink(String key) {
    return this.redis.send(Request.cmd(Command.UNLINK).arg(key)).map(Response::toLong);
  }

  public Uni<Long> increment(String key, long delta, long pxMillis) {
    return INCREMENT.run(this.ds, List.of(key), List.of(Long.toString(delta), Long.toString(Math.max(0, pxMillis)))).map(Response::toLong);
  }

  public Uni<Boolean> expire(String key, long logicalExpiry, long pxMillis) {
    return EXPIRE.run(this.ds, List.of(key), List.of(Long.toString(logicalExpiry), Long.toString(Math.max(0, pxMillis))))
        .map(reply -> reply.toInteger() == 1);
  }

  /** Runs a single-slot script (all its keys share one slot) for the helpers. */
  public Uni<Response> script(LuaScript script, List<String> keys, List<String> args) {
    return script.run(this.ds, keys, args);
  }

  /** Any other command, routed by the client (single-key or single-slot commands only). */
  public Uni<Response> send(Request request) {
    return this.redis.send(request);
  }

  /** UNLINKs every key matching the pattern on every master, a page (up to 500 keys) per round trip; returns how many. */
  public Uni<Long> deleteMatching(String pattern) {
    return forEachPage(pattern, (node, keys) -> {
      Map<String, Request> unlinks = new LinkedHashMap<>();
      keys.forEach(key -> unlinks.put(key, Request.cmd(Command.UNLINK).arg(key)));
      return ClusterBatches.pipeline(node.client(), new ArrayList<>(unlinks.values()))
          .map(replies -> replies.stream().mapToLong(reply -> reply == null ? 0 : reply.toLong()).sum())
          // a key moved to another master meanwhile: let the cluster client route each one
          .onFailure().recoverWithUni(() -> ClusterBatches.sendEach(this.redis, unlinks)
              .map(replies -> replies.stream().mapToLong(reply -> reply == null ? 0 : reply.toLong()).sum()));
    });
  }

  /** Visits every key matching the pattern on every master, a SCAN page at a time; sums what {@code page} returns. */
  public Uni<Long> forEachPage(String pattern, PageAction page) {
    return this.topology.current().chain(topology -> {
      List<Uni<Long>> perNode = new ArrayList<>();
      for (RedisTopology.Node node : topology.masters()) {
        perNode.add(scan(node, pattern, "0", page, 0));
      }
      return Uni.join().all(perNode).andFailFast().map(counts -> counts.stream().mapToLong(Long::longValue).sum());
    });
  }

  private Uni<Long> scan(RedisTopology.Node node, String pattern, String cursor, PageAction page, long done) {
    Request scan = Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_COUNT);
    return node.client().send(scan).chain(reply -> {
      String next = reply.get(0).toString();
      List<String> keys = strings(reply.get(1));
      Uni<Long> counted = keys.isEmpty() ? Uni.createFrom().item(0L) : page.apply(node, keys);
      return counted.chain(count -> "0".equals(next) ? Uni.createFrom().item(done + count) : scan(node, pattern, next, page, done + count));
    });
  }

  public Uni<Long> ping() {
    long start = System.nanoTime();
    return this.redis.send(Request.cmd(Command.PING)).map(pong -> (System.nanoTime() - start) / 1_000_000);
  }

  private void invalidateOnFailure(boolean allSentToKnownMasters) {
    if (!allSentToKnownMasters) {
      this.topology.invalidate();
    }
  }

  private static Request setCommand(String key, String payload, long pxMillis) {
    Request set = Request.cmd(Command.SET).arg(key).arg(payload);
    return pxMillis > 0 ? set.arg("PX").arg(pxMillis) : set;
  }

  static String string(Response response) {
    return response == null ? null : response.toString();
  }

  static List<String> strings(Response response) {
    List<String> values = new ArrayList<>(response.size());
    for (Response item : response) {
      values.add(string(item));
    }
    return values;
  }

  static List<String> strings(io.vertx.redis.client.Response response) {
    List<String> values = new ArrayList<>(response.size());
    for (io.vertx.redis.client.Response item : response) {
      values.add(item == null ? null : item.toString());
    }
    return values;
  }

  /** What {@link #forEachPage} does with one page of keys found on one master. */
  @FunctionalInterface
  public interface PageAction {
    Uni<Long> apply(RedisTopology.Node node, List<String> keys);
  }
}
