package dev.switchboard.send;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The sends a disabled tenant's queue holds back, by tenant: each job's payload and priority, kept beside the job (which
 * waits in the queue for its next attempt), so enabling the tenant can put it back in line at once. Keys under the
 * hash tag {@code {held}}: {@code sb:{held}:tenants} (set), {@code sb:{held}:t:<tenant>} (hash job id → entry) and
 * {@code sb:{held}:releasing} (entries a replica is releasing right now).
 */
@ApplicationScoped
public class HeldSends {

  /** Start of the error a held job carries while it waits: how its status and the release recognise it. */
  public static final String MARKER = "tenant_disabled: held";

  private static final LuaScript HOLD = LuaScript.fromResources("send/lua/hold.lua");
  private static final LuaScript CLAIM = LuaScript.fromResources("send/lua/claim.lua");

  private final ReactiveRedisDataSource redis;
  private final String base;

  public HeldSends(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, SwitchboardConfig config) {
    this.redis = redis;
    this.base = config.keyPrefix() + ":{held}:";
  }

  /** A held send, as released: enough to enqueue it again under its own id. */
  public record Held(String tenant, String jobId, int priority, String data) {
  }

  public Uni<Void> hold(String tenant, String jobId, int priority, String data) {
    return HOLD.run(this.redis, List.of(tenants(), tenant(tenant)), List.of(tenant, jobId, priority + "|" + data)).replaceWithVoid();
  }

  /** Takes a held send for release; empty when there is none or another replica is releasing it. */
  public Uni<Optional<Held>> claim(String tenant, String jobId, long staleMillis) {
    return CLAIM.run(this.redis, List.of(tenants(), tenant(tenant), releasingKey()),
        List.of(tenant, jobId, Long.toString(System.currentTimeMillis()), Long.toString(staleMillis)))
        .map(entry -> entry == null || entry.toString().isEmpty() ? Optional.<Held>empty() : Optional.of(held(tenant, jobId, entry.toString())));
  }

  /** The release of a claimed send is done. */
  public Uni<Void> released(String jobId) {
    return this.redis.execute("HDEL", releasingKey(), jobId).replaceWithVoid();
  }

  public Uni<List<String>> tenantsWithHeldSends() {
    return this.redis.execute("SMEMBERS", tenants()).map(HeldSends::strings);
  }

  /** A tenant's held sends (any order). */
  public Uni<List<Held>> heldOf(String tenant) {
    return this.redis.execute("HGETALL", tenant(tenant)).map(response -> {
      List<Held> held = new ArrayList<>();
      if (response.isMap()) {
        response.getKeys().forEach(id -> held.add(held(tenant, id, response.get(id).toString())));
      } else {
        for (int i = 0; i + 1 < response.size(); i += 2) {
          held.add(held(tenant, response.get(i).toString(), response.get(i + 1).toString()));
        }
      }
      return held;
    });
  }

  /** Sends being released, by job id → tenant (one replica may have died while releasing them). */
  public Uni<Map<String, String>> releasing() {
    return this.redis.execute("HGETALL", releasingKey()).map(response -> {
      Map<String, String> byJob = new HashMap<>();
      if (response.isMap()) {
        response.getKeys().forEach(id -> byJob.put(id, tenantOf(response.get(id).toString())));
      } else {
        for (int i = 0; i + 1 < response.size(); i += 2) {
          byJob.put(response.get(i).toString(), tenantOf(response.get(i + 1).toString()));
        }
      }
      return byJob;
    });
  }

  private static String tenantOf(String releasing) {
    return releasing.substring(0, releasing.indexOf('|'));
  }

  private static Held held(String tenant, String jobId, String entry) {
    int bar = entry.indexOf('|');
    return new Held(tenant, jobId, Integer.parseInt(entry.substring(0, bar)), entry.substring(bar + 1));
  }

  private static List<String> strings(Response response) {
    List<String> out = new ArrayList<>();
    response.forEach(item -> out.add(item.toString()));
    return out;
  }

  private String tenants() {
    return this.base + "tenants";
  }

  private String tenant(String tenant) {
    return this.base + "t:" + tenant;
  }

  private String releasingKey() {
    return this.base + "releasing";
  }
}
