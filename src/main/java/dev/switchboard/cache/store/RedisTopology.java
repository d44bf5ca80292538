package dev.switchboard.cache.store;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import dev.switchboard.redis.RedisClients;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisOptions;

/**
 * Where the cache Redis keeps its keys: one server, or the masters of a Redis Cluster with their slot ranges (read
 * from {@code CLUSTER NODES}). A cluster client sends a keyless command such as SCAN to one node only, so whatever
 * must visit every key (flush, stats) or pipeline keys of many slots (bulk reads and writes) asks this class for the
 * masters and talks to each through its own small connection pool.
 */
@ApplicationScoped
public class RedisTopology {

  private final Redis redis;
  private final Vertx vertx;
  private final Config config;
  private final Map<String, Redis> nodeClients = new ConcurrentHashMap<>();
  private volatile Topology current;

  public RedisTopology(@RedisClientName(RedisClients.CACHE) ReactiveRedisDataSource cache, Vertx vertx, Config config) {
    this.redis = cache.getRedis();
    this.vertx = vertx;
    this.config = config;
  }

  /** The known topology, discovered on first use and again after {@link #invalidate()}. */
  public Uni<Topology> current() {
    Topology known = this.current;
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    return discover().invoke(found -> this.current = found);
  }

  /** True once the cache Redis is known to be a single server (not a cluster): bulk reads can then be one MGET. */
  public boolean knownStandalone() {
    Topology known = this.current;
    return known != null && !known.cluster();
  }

  /** Forgets the topology (a failover or resharding moved slots); the next call reads it again. */
  public void invalidate() {
    this.current = null;
  }

  private Uni<Topology> discover() {
    return this.redis.send(Request.cmd(Command.INFO).arg("cluster")).chain(info -> {
      if (info == null || !info.toString().contains("cluster_enabled:1")) {
        return Uni.createFrom().item(Topology.standalone(this.redis));
      }
      return this.redis.send(Request.cmd(Command.CLUSTER).arg("NODES")).map(nodes -> cluster(nodes.toString()));
    });
  }

  private Topology cluster(String nodesText) {
    List<Node> masters = new ArrayList<>();
    short[] owner = new short[HashSlot.SLOTS];
    java.util.Arrays.fill(owner, (short) -1);
    for (String line : nodesText.split("\n")) {
      String[] fields = line.trim().split(" ");
      if (fields.length < 9 || !isHealthyMaster(fields[2])) {
        continue;
      }
      String endpoint = endpoint(fields[1]);
      int index = masters.size();
      for (int i = 8; i < fields.length; i++) {
        claim(fields[i], owner, index);
      }
      masters.add(new Node(endpoint, this.nodeClients.computeIfAbsent(endpoint, this::client)));
    }
    Log.debugf("Cache Redis is a cluster with %d masters", masters.size());
    return new Topology(true, List.copyOf(masters), owner);
  }

  private static boolean isHealthyMaster(String flags) {
    return flags.contains("master") && !flags.contains("fail") && !flags.contains("noaddr") && !flags.contains("handshake");
  }

  /** {@code 0-5460} or {@code 5461}; entries in brackets are slots being migrated, owned by the node as listed. */
  private static void claim(String range, short[] owner, int index) {
    if (range.startsWith("[")) {
      return;
    }
    int dash = range.indexOf('-');
    int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
    int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
    for (int slot = from; slot <= to; slot++) {
      owner[slot] = (short) index;
    }
  }

  /** {@code ip:port@cport[,hostname]} to {@code host:port}; an empty ip means the node we asked. */
  private String endpoint(String address) {
    String hostPort = address.contains("@") ? address.substring(0, address.indexOf('@')) : address;
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    return (host.isEmpty() ? configuredUri().getHost() : host) + ":" + hostPort.substring(colon + 1);
  }

  private Redis client(String endpoint) {
    URI configured = configuredUri();
    String userInfo = configured.getRawUserInfo() == null ? "" : configured.getRawUserInfo() + "@";
    RedisOptions options = new RedisOptions().setConnectionString(configured.getScheme() + "://" + userInfo + endpoint)
        .setMaxPoolSize(4).setMaxWaitingHandlers(2048);
    password().ifPresent(options::setPassword);
    return Redis.createClient(this.vertx, options);
  }

  private URI configuredUri() {
    String hosts = this.config.getOptionalValue("quarkus.redis." + RedisClients.CACHE + ".hosts", String.class)
        .or(() -> this.config.getOptionalValue("quarkus.redis.hosts", String.class)).orElse("redis://localhost:6379");
    return URI.create(hosts.split(",")[0].trim());
  }

  private Optional<String> password() {
    return this.config.getOptionalValue("quarkus.redis." + RedisClients.CACHE + ".password", String.class);
  }

  @PreDestroy
  void close() {
    this.nodeClients.values().forEach(Redis::close);
  }

  /** One Redis, or the masters of a cluster and which of them owns each slot. */
  public record Topology(boolean cluster, List<Node> masters, short[] slotOwners) {

    static Topology standalone(Redis redis) {
      return new Topology(false, List.of(new Node("default", redis)), null);
    }

    /** The master that serves the key's slot; null when no healthy master owns it (the caller routes it instead). */
    public Node masterOf(String key) {
      if (!this.cluster) {
        return this.masters.get(0);
      }
      short index = this.slotOwners[HashSlot.of(key)];
      return index < 0 ? null : this.masters.get(index);
    }
  }

  /** A master and the connection pool that talks to it alone. */
  public record Node(String endpoint, Redis client) {
  }
}
