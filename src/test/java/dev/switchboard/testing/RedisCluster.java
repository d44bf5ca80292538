package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import dev.switchboard.devmode.LocalRedisServer;

/**
 * A real Redis Cluster on loopback: {@code masters} times {@code redis-server --cluster-enabled yes} (3 by default),
 * optionally with replicas, each in its own folder (deleted by {@link #close()}) and on a free port whose cluster bus
 * port (+10000) is free too. The slots are split in equal ranges (CLUSTER ADDSLOTSRANGE), the nodes joined with
 * CLUSTER MEET, and {@link #start()} returns once every node says {@code cluster_state:ok} and all agree on the slot
 * map. Everything goes over RESP ({@link RespConnection}): no {@code redis-cli} needed, and the binary is
 * {@link LocalRedisServer}'s (PATH, else the one shipped in the embedded-redis jar). AOF is on, as production runs.
 */
public final class RedisCluster implements AutoCloseable {

  public static final int SLOTS = 16384;
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

  private final List<LocalRedisServer> masters = new ArrayList<>();
  private final List<LocalRedisServer> replicas = new ArrayList<>();

  /** @param replicasPerMaster 0 for masters only; replicas are for fail-over tests */
  public RedisCluster(int masters, int replicasPerMaster) {
    for (int i = 0; i < masters; i++) {
      this.masters.add(node(ClusterPorts.next()));
      for (int r = 0; r < replicasPerMaster; r++) {
        this.replicas.add(node(ClusterPorts.next()));
      }
    }
  }

  /** Masters on the given ports (picked earlier with {@link ClusterPorts#next()}), no replicas. */
  public static RedisCluster onPorts(List<Integer> masterPorts) {
    RedisCluster cluster = new RedisCluster(0, 0);
    masterPorts.forEach(port -> cluster.masters.add(node(port)));
    return cluster;
  }

  /** Three masters, no replicas: what the cluster tests run on. */
  public static RedisCluster threeMasters() {
    return new RedisCluster(3, 0);
  }

  /**
   * Starts the nodes and waits until the cluster is ok everywhere; the first time, assigns the slots and joins the
   * nodes too. After {@link #stop()} the nodes come back with their ports, nodes.conf and AOF, as a restarted cluster.
   */
  public synchronized RedisCluster start() {
    nodes().forEach(LocalRedisServer::start);
    if (!call(this.masters.get(0), "CLUSTER", "INFO").toString().contains("cluster_slots_assigned:" + SLOTS)) {
      form(); // a first start; later ones find their nodes.conf
    }
    awaitHealthy();
    return this;
  }

  /** Stops every node (SIGTERM), keeping their folders for a later {@link #start()}. */
  public synchronized void stop() {
    nodes().forEach(LocalRedisServer::stop);
  }

  private void form() {
    int perMaster = SLOTS / this.masters.size();
    for (int i = 0; i < this.masters.size(); i++) {
      int first = i * perMaster;
      int last = i == this.masters.size() - 1 ? SLOTS - 1 : first + perMaster - 1;
      addSlots(this.masters.get(i), first, last);
    }
    LocalRedisServer first = this.masters.get(0);
    for (LocalRedisServer node : nodes()) {
      if (node != first) {
        call(first, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(node.port()));
      }
    }
    int replicasPerMaster = this.replicas.size() / this.masters.size();
    for (int i = 0; i < this.replicas.size(); i++) {
      LocalRedisServer replica = this.replicas.get(i);
      String masterId = call(this.masters.get(i / replicasPerMaster), "CLUSTER", "MYID").toString();
      await("replica " + replica.port() + " learns of its master", () -> call(replica, "CLUSTER", "NODES").toString().contains(masterId));
      call(replica, "CLUSTER", "REPLICATE", masterId);
    }
  }

  /**
   * Waits until every running node reports {@code cluster_state:ok}, all of them report the same slot map covering
   * every slot, and every replica's link to its master is up. For tests that restart or fail over nodes too.
   */
  public void awaitHealthy() {
    await("cluster_state:ok and one slot map on every node", () -> {
      Set<String> maps = new HashSet<>();
      for (LocalRedisServer node : nodes()) {
        if (!node.isRunning()) {
          continue;
        }
        if (!call(node, "CLUSTER", "INFO").toString().contains("cluster_state:ok")) {
          return false;
        }
        maps.add(slotMap(node));
      }
      return maps.size() == 1 && replicasLinked();
    });
  }

  public List<LocalRedisServer> masters() {
    return List.copyOf(this.masters);
  }

  public List<LocalRedisServer> replicas() {
    return List.copyOf(this.replicas);
  }

  public List<LocalRedisServer> nodes() {
    List<LocalRedisServer> all = new ArrayList<>(this.masters);
    all.addAll(this.replicas);
    return all;
  }

  /** The masters' URLs, comma-separated: the seed list an operator gives ({@code REDIS_URL}). */
  public String urls() {
    return this.masters.stream().map(LocalRedisServer::url).collect(Collectors.joining(","));
  }

  /**
   * Settings that point all four of Switchboard's Redis clients (default, queue, cache, queue-reader) at this cluster,
   * each named explicitly: for a {@code @QuarkusTest} ({@link RedisClusterTestResource}).
   */
  public Map<String, String> clientSettings() {
    return clientSettings(urls());
  }

  /** {@link #clientSettings()} for a cluster with these seed URLs. */
  public static Map<String, String> clientSettings(String urls) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String client : List.of("", ".queue", ".cache", ".queue-reader")) {
      settings.put("quarkus.redis" + client + ".hosts", urls);
      settings.put("quarkus.redis" + client + ".client-type", "cluster");
    }
    return settings;
  }

  /** What an operator sets for the packaged service: {@code REDIS_URL} with every seed and {@code REDIS_CLIENT_TYPE}. */
  public Map<String, String> environment() {
    return Map.of("REDIS_URL", urls(), "REDIS_CLIENT_TYPE", "cluster");
  }

  /** The key's hash slot, as the cluster computes it. */
  public int slot(String key) {
    return ((Long) call(anyNode(), "CLUSTER", "KEYSLOT", key)).intValue();
  }

  /** The master that serves the key's slot now (after a fail-over, possibly a former replica). */
  public LocalRedisServer ownerOf(String key) {
    int slot = slot(key);
    for (Object range : (List<?>) call(anyNode(), "CLUSTER", "SLOTS")) {
      List<?> entry = (List<?>) range;
      if ((Long) entry.get(0) <= slot && slot <= (Long) entry.get(1)) {
        return byPort(((Long) ((List<?>) entry.get(2)).get(1)).intValue());
      }
    }
    throw new IllegalStateException("no node serves slot " + slot);
  }

  /** The masters serving slots now, as the cluster reports them. */
  public List<LocalRedisServer> currentMasters() {
    Set<Integer> ports = new LinkedHashSet<>();
    for (Object range : (List<?>) call(anyNode(), "CLUSTER", "SLOTS")) {
      ports.add(((Long) ((List<?>) ((List<?>) range).get(2)).get(1)).intValue());
    }
    return ports.stream().map(this::byPort).toList();
  }

  /** A command on the node that owns {@code key}'s slot, e.g. {@code call(key, "HGETALL", key)}. */
  public Object callOwner(String key, String... command) {
    return call(ownerOf(key), command);
  }

  /** Keys matching {@code pattern} on every master (SCAN sees one node's keys, so each is asked). */
  public List<String> keys(String pattern) {
    List<String> keys = new ArrayList<>();
    for (LocalRedisServer master : currentMasters()) {
      String cursor = "0";
      do {
        List<?> page = (List<?>) call(master, "SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
        cursor = page.get(0).toString();
        ((List<?>) page.get(1)).forEach(key -> keys.add(key.toString()));
      } while (!"0".equals(cursor));
    }
    return keys;
  }

  /** Empties every master (replicas follow). */
  public void flushAll() {
    currentMasters().forEach(master -> call(master, "FLUSHALL"));
  }

  /** A command on one node, over its own connection. */
  public static Object call(LocalRedisServer node, String... command) {
    try (RespConnection connection = new RespConnection(node.port())) {
      return connection.call(command);
    } catch (IOException e) {
      throw new UncheckedIOException("node " + node.port() + ": " + String.join(" ", command), e);
    }
  }

  /** Stops the nodes and deletes their folders. */
  @Override
  public synchronized void close() {
    nodes().forEach(node -> {
      node.close();
      ClusterPorts.release(node.port());
    });
  }

  private LocalRedisServer anyNode() {
    return nodes().stream().filter(node -> LocalRedisServer.answersPing(node.port())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no node of the cluster answers"));
  }

  private LocalRedisServer byPort(int port) {
    return nodes().stream().filter(node -> node.port() == port).findFirst().orElseThrow();
  }

  private static void addSlots(LocalRedisServer master, int first, int last) {
    try {
      call(master, "CLUSTER", "ADDSLOTSRANGE", Integer.toString(first), Integer.toString(last));
    } catch (UncheckedIOException olderThanRedis7) {
      List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
      for (int slot = first; slot <= last; slot++) {
        command.add(Integer.toString(slot));
      }
      call(master, command.toArray(String[]::new));
    }
  }

  /** Slot ranges and the ports serving them, as one node sees it, in a comparable form. */
  private static String slotMap(LocalRedisServer node) {
    Set<String> ranges = new TreeSet<>();
    int covered = 0;
    for (Object range : (List<?>) call(node, "CLUSTER", "SLOTS")) {
      List<?> entry = (List<?>) range;
      long from = (Long) entry.get(0);
      long to = (Long) entry.get(1);
      covered += (int) (to - from + 1);
      List<String> ports = new ArrayList<>();
      for (Object member : entry.subList(2, entry.size())) {
        ports.add(((List<?>) member).get(1).toString());
      }
      ranges.add(from + "-" + to + "@" + String.join("/", ports));
    }
    return covered == SLOTS ? ranges.toString() : "incomplete " + ranges;
  }

  /** Every running node that is a replica now (after a fail-over, possibly a former master) is linked to its master. */
  private boolean replicasLinked() {
    for (LocalRedisServer node : nodes()) {
      if (!node.isRunning()) {
        continue;
      }
      String replication = call(node, "INFO", "replication").toString();
      if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
        return false;
      }
    }
    return true;
  }

  private static LocalRedisServer node(int port) {
    return new LocalRedisServer(port, List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", "2000", "--appendonly", "yes", "--appendfsync", "everysec",
        "--repl-diskless-sync-delay", "0")); // a replica syncs at once, not after 5 s
  }

  private static void await(String what, Callable<Boolean> condition) {
    // polling nodes that converge on their own; a node still starting or failing over may refuse a connection
    Awaitility.await(what).atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreException(UncheckedIOException.class)
        .until(condition);
  }
}
