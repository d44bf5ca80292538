package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
  private static final int BUS_OFFSET = 10000;
  private static final long SETTLE_TIMEOUT_MS = 30_000;
  private static final Set<Integer> RESERVED = new HashSet<>();

  private final List<LocalRedisServer> masters = new ArrayList<>();
  private final List<LocalRedisServer> replicas = new ArrayList<>();

  /** @param replicasPerMaster 0 for masters only; replicas are for fail-over tests */
  public RedisCluster(int masters, int replicasPerMaster) {
    for (int i = 0; i < masters; i++) {
      this.masters.add(node(freeClusterPort()));
      for (int r = 0; r < replicasPerMaster; r++) {
        this.replicas.add(node(freeClusterPort()));
      }
    }
  }

  /** Masters on the given ports (picked earlier with {@link #freeClusterPort()}), no replicas. */
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
    return ((Long) call(this.masters.get(0), "CLUSTER", "KEYSLOT", key)).intValue();
  }

  /** The master that serves the key's slot now. */
  public LocalRedisServer ownerOf(String key) {
    int slot = slot(key);
    for (Object range : (List<?>) call(this.masters.get(0), "CLUSTER", "SLOTS")) {
      List<?> entry = (List<?>) range;
      if ((Long) entry.get(0) <= slot && slot <= (Long) entry.get(1)) {
        int port = ((Long) ((List<?>) entry.get(2)).get(1)).intValue();
        return nodes().stream().filter(node -> node.port() == port).findFirst().orElseThrow();
      }
    }
    throw new IllegalStateException("no node serves slot " + slot);
  }

  /** A command on the node that owns {@code key}'s slot, e.g. {@code call(key, "HGETALL", key)}. */
  public Object callOwner(String key, String... command) {
    return call(ownerOf(key), command);
  }

  /** Keys matching {@code pattern} on every master (SCAN visits one node only, so each is asked). */
  public List<String> keys(String pattern) {
    List<String> keys = new ArrayList<>();
    for (LocalRedisServer master : this.masters) {
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
    this.masters.forEach(master -> call(master, "FLUSHALL"));
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
    nodes().forEach(LocalRedisServer::close);
    synchronized (RESERVED) {
      nodes().forEach(node -> {
        RESERVED.remove(node.port());
        RESERVED.remove(node.port() + BUS_OFFSET);
      });
    }
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

  private boolean replicasLinked() {
    for (LocalRedisServer replica : this.replicas) {
      if (replica.isRunning() && !call(replica, "INFO", "replication").toString().contains("master_link_status:up")) {
        return false;
      }
    }
    return true;
  }

  private static LocalRedisServer node(int port) {
    return new LocalRedisServer(port, List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", "2000", "--appendonly", "yes", "--appendfsync", "everysec"));
  }

  /** A port below 55536 that is free, whose bus port (+10000) is free too, and that no other node of this JVM took. */
  public static int freeClusterPort() {
    synchronized (RESERVED) {
      for (int attempt = 0; attempt < 1000; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(20000, 65536 - BUS_OFFSET);
        int bus = port + BUS_OFFSET;
        if (!RESERVED.contains(port) && !RESERVED.contains(bus) && isFree(port) && isFree(bus)) {
          RESERVED.add(port);
          RESERVED.add(bus);
          return port;
        }
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_TIMEOUT_MS);
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (UncheckedIOException e) {
        // a node still starting or failing over: ask again
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Redis Cluster: timed out waiting until " + what);
      }
      try {
        Thread.sleep(50); // polling nodes that converge on their own, not timing a race
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
