package dev.switchboard.admin.audit;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.RedisClients;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The audit trail of admin actions: each is logged and kept in one Redis list on the queue client (never evicted),
 * newest first, trimmed to the last {@value #KEEP}.
 */
@ApplicationScoped
public class AuditLog {

  public static final int KEEP = 1000;

  private final ReactiveRedisDataSource redis;
  private final ObjectMapper mapper;
  private final String key;

  public AuditLog(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, ObjectMapper mapper, SwitchboardConfig config) {
    this.redis = redis;
    this.mapper = mapper;
    this.key = config.keyPrefix() + ":audit";
  }

  public Uni<Void> record(AuditEntry entry) {
    String json;
    try {
      json = this.mapper.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return this.redis.execute("LPUSH", this.key, json)
        .chain(() -> this.redis.execute("LTRIM", this.key, "0", Integer.toString(KEEP - 1)))
        .replaceWithVoid();
  }

  /** The newest entries first, at most {@code limit}. */
  public Uni<List<AuditEntry>> latest(int limit) {
    return this.redis.execute("LRANGE", this.key, "0", Integer.toString(limit - 1)).map(response -> {
      List<AuditEntry> entries = new ArrayList<>(response.size());
      response.forEach(item -> {
        try {
          entries.add(this.mapper.readValue(item.toString(), AuditEntry.class));
        } catch (JsonProcessingException e) {
          Log.debugf("Skipping an unreadable audit entry (%s)", e.getOriginalMessage());
        }
      });
      return entries;
    });
  }
}
