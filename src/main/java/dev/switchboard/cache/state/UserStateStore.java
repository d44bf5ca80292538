package dev.switchboard.cache.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import dev.switchboard.cache.local.Invalidations;
import dev.switchboard.cache.store.CacheBackend;
import dev.switchboard.cache.store.Globs;
import dev.switchboard.redis.LuaScript;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Per-user state by tenant and phone, in the {@code user-state} namespace: {@code <prefix>:cache:user-state:<tenant>:<phone>}
 * (JSON with its last update), living {@code switchboard.cache.ttl.user-state} after that update, and a last-update index,
 * the sorted set {@code <prefix>:cache:user-state:_index} (member {@code <tenant>:<phone>}, score the last update in
 * epoch ms). Every command touches one key, so it runs the same on a Redis Cluster: deletions go state by state, each
 * state checked against the cutoff in its own script, then the index. While Redis cannot be reached, states live in the
 * fallback and the same operations walk it.
 */
@ApplicationScoped
public class UserStateStore {

  private static final LuaScript CLEAR_OLD = LuaScript.fromResources("cache/lua/state-clear-old.lua");
  private static final LuaScript UNINDEX = LuaScript.fromResources("cache/lua/state-unindex.lua");
  private static final int PAGE = 500;

  private final CacheService cache;
  private final CacheBackend backend;
  private final Invalidations invalidations;
  private final ObjectMapper mapper;
  private final CacheNamespaces.Namespace namespace;
  private final String index;
  private final UserStatesInMemory inMemory;

  public UserStateStore(CacheService cache, CacheBackend backend, Invalidations invalidations, ObjectMapper mapper, CacheNamespaces namespaces) {
    this.cache = cache;
    this.backend = backend;
    this.invalidations = invalidations;
    this.mapper = mapper;
    this.namespace = namespaces.of(CacheNamespaces.USER_STATE);
    this.index = this.namespace.key("_index");
    this.inMemory = new UserStatesInMemory(backend.memory(), this.namespace.keyPrefix(), mapper);
  }

  /** Stores the state, updated now; it lives for the namespace TTL. */
  public Uni<Void> set(String tenant, String phone, Object data) {
    return importState(tenant, phone, data, Instant.now());
  }

  /**
   * Stores a state with the last-update time it already had (a migration from another store keeps the ages its
   * cleanup works on); it lives for the namespace TTL after that time, and is not stored when that has passed.
   */
  public Uni<Void> importState(String tenant, String phone, Object data, Instant updatedAt) {
    String member = member(tenant, phone);
    Duration left = this.namespace.ttl().isZero() ? Duration.ZERO : this.namespace.ttl().minus(Duration.between(updatedAt, Instant.now()));
    if (!this.namespace.ttl().isZero() && (left.isNegative() || left.isZero())) {
      return Uni.createFrom().voidItem();
    }
    StoredUserState stored = new StoredUserState(tenant, normalize(phone), this.mapper.valueToTree(data), updatedAt.toEpochMilli());
    Request zadd = Request.cmd(Command.ZADD).arg(this.index).arg(updatedAt.toEpochMilli()).arg(member);
    return this.cache.set(CacheNamespaces.USER_STATE, member, stored, left)
        .chain(() -> this.backend.run(redis -> redis.send(zadd), () -> null))
        .replaceWithVoid();
  }

  public <T> Uni<Optional<UserState<T>>> get(String tenant, String phone, Class<T> type) {
    return this.cache.get(CacheNamespaces.USER_STATE, member(tenant, phone), StoredUserState.class).map(found -> found.map(stored -> {
      try {
        return new UserState<>(stored.tenant(), stored.phone(), this.mapper.treeToValue(stored.data(), type), Instant.ofEpochMilli(stored.updatedAt()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("user state is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
      }
    }));
  }

  /** Deletes the customer's state with one tenant; 1 when there was one. */
  public Uni<Long> clearUser(String tenant, String phone) {
    String member = member(tenant, phone);
    return this.cache.delete(CacheNamespaces.USER_STATE, member)
        .call(() -> this.backend.run(redis -> redis.send(Request.cmd(Command.ZREM).arg(this.index).arg(member)), () -> null))
        .map(existed -> existed ? 1L : 0L);
  }

  /** Deletes the customer's states with every tenant; returns how many there were. */
  public Uni<Long> clearUser(String phone) {
    String normalized = normalize(phone);
    if (!this.backend.usingRedis()) {
      return Multi.createFrom().iterable(this.inMemory.membersOf(normalized)).onItem()
          .transformToUniAndConcatenate(member -> clearUser(tenantOf(member), normalized)).collect().with(java.util.stream.Collectors.summingLong(n -> n));
    }
    return membersMatching("*:" + Globs.escape(normalized), "0", new ArrayList<>()).chain(members -> Multi.createFrom().iterable(members)
        .onItem().transformToUni(member -> clearUser(tenantOf(member), normalized)).merge(16)
        .collect().with(java.util.stream.Collectors.summingLong(n -> n)));
  }

  /** User states stored now (last updated within the TTL). */
  public Uni<Long> count() {
    long oldest = this.namespace.ttl().isZero() ? 0 : System.currentTimeMillis() - this.namespace.ttl().toMillis();
    return this.backend.run(redis -> redis.send(Request.cmd(Command.ZREMRANGEBYSCORE).arg(this.index).arg("-inf").arg("(" + oldest))
        .chain(() -> redis.send(Request.cmd(Command.ZCARD).arg(this.index))).map(Response::toLong), this.inMemory::count)
        .map(served -> served.value());
  }

  /** Deletes exactly the states last updated more than {@code hours} ago; returns how many. */
  public Uni<Long> clearOlderThan(int hours) {
    return clearOlderThan(Duration.ofHours(hours));
  }

  public Uni<Long> clearOlderThan(Duration age) {
    long cutoff = System.currentTimeMillis() - age.toMillis();
    Uni<Long> cleared = this.backend.usingRedis() ? clearPages(cutoff, 0) : Uni.createFrom().item(() -> this.inMemory.clearOlderThan(cutoff));
    return cleared.invoke(count -> Log.infof("Cleared %d user state(s) last updated more than %s ago", count, age));
  }

  /** One page of index members older than the cutoff: each state checked and deleted on its own, then the index. */
  private Uni<Long> clearPages(long cutoff, long done) {
    Request page = Request.cmd(Command.ZRANGEBYSCORE).arg(this.index).arg("-inf").arg("(" + cutoff).arg("LIMIT").arg(0).arg(PAGE);
    return this.backend.redisOnly(redis -> redis.send(page)).chain(reply -> {
      List<String> members = new ArrayList<>();
      reply.forEach(item -> members.add(item.toString()));
      if (members.isEmpty()) {
        return Uni.createFrom().item(done);
      }
      return Multi.createFrom().iterable(members).onItem().transformToUni(member -> clearIfOld(member, cutoff)).merge(16)
          .collect().with(java.util.stream.Collectors.summingLong(n -> n))
          .call(() -> unindex(members, cutoff))
          .chain(deleted -> clearPages(cutoff, done + deleted));
    });
  }

  private Uni<Long> clearIfOld(String member, long cutoff) {
    String key = this.namespace.key(member);
    return this.backend.redisOnly(redis -> redis.script(CLEAR_OLD, List.of(key), List.of(Long.toString(cutoff)))).chain(reply -> {
      long answer = reply.toLong();
      if (answer >= 0) {
        // updated after the cutoff: its index entry gets that time back
        return this.backend.redisOnly(redis -> redis.send(Request.cmd(Command.ZADD).arg(this.index).arg(answer).arg(member))).replaceWith(0L);
      }
      Uni<Void> evicted = answer == -1 && this.namespace.local() ? this.invalidations.evict(key) : Uni.createFrom().voidItem();
      return evicted.replaceWith(answer == -1 ? 1L : 0L);
    });
  }

  private Uni<Void> unindex(List<String> members, long cutoff) {
    List<String> args = new ArrayList<>(members.size() + 1);
    args.add(Long.toString(cutoff));
    args.addAll(members);
    return this.backend.redisOnly(redis -> redis.script(UNINDEX, List.of(this.index), args)).replaceWithVoid();
  }

  private Uni<List<String>> membersMatching(String pattern, String cursor, List<String> found) {
    Request zscan = Request.cmd(Command.ZSCAN).arg(this.index).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(PAGE);
    return this.backend.redisOnly(redis -> redis.send(zscan)).chain(reply -> {
      Response items = reply.get(1);
      for (int i = 0; i < items.size(); i += 2) {
        found.add(items.get(i).toString());
      }
      String next = reply.get(0).toString();
      return "0".equals(next) ? Uni.createFrom().item(found) : membersMatching(pattern, next, found);
    });
  }

  static String member(String tenant, String phone) {
    if (tenant == null || tenant.isBlank() || tenant.contains(":")) {
      throw new IllegalArgumentException("tenant must be a tenant id");
    }
    return tenant + ":" + normalize(phone);
  }

  static String tenantOf(String member) {
    return member.substring(0, member.lastIndexOf(':'));
  }

  /** Phone numbers as Meta sends them: digits without a leading {@code +}. */
  static String normalize(String phone) {
    if (phone == null || phone.isBlank() || phone.contains(":")) {
      throw new IllegalArgumentException("phone must be a phone number or a WhatsApp user id");
    }
    String trimmed = phone.trim();
    return trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
  }
}
