package dev.switchboard.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One 3-master {@link RedisCluster} for the whole test run, for {@code @QuarkusTest}s in cluster mode: use it through
 * {@link RedisClusterProfile}, and reach it from a test with {@link #cluster()} (e.g. to look at a node, or to stop
 * and start the cluster: that keeps ports, nodes.conf and AOF, as a restarted cluster does). The nodes' folders are
 * deleted when the JVM exits.
 */
public class RedisClusterTestResource implements QuarkusTestResourceLifecycleManager {

  /**
   * The ports, chosen once per JVM. Quarkus asks a profile for its settings in more than one class loader (test
   * discovery, then the app's), each with its own statics; a system property is what they share.
   */
  private static final String PORTS = "redis-cluster-test.ports";
  private static final int MASTERS = 3;

  private static RedisCluster cluster;

  /** The run's cluster, as this class loader sees it: the test's and the resource's are the same one. */
  public static synchronized RedisCluster cluster() {
    if (cluster == null) {
      cluster = RedisCluster.onPorts(ports());
    }
    return cluster;
  }

  /** Settings of all four Redis clients for the run's cluster, known before it starts. */
  public static Map<String, String> settings() {
    return RedisCluster.clientSettings(ports().stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(",")));
  }

  @Override
  public Map<String, String> start() {
    cluster().start();
    return settings();
  }

  @Override
  public void stop() {
    cluster().stop();
  }

  private static List<Integer> ports() {
    synchronized (System.getProperties()) {
      String ports = System.getProperty(PORTS);
      if (ports == null) {
        ports = IntStream.range(0, MASTERS).mapToObj(i -> Integer.toString(ClusterPorts.next())).collect(Collectors.joining(","));
        System.setProperty(PORTS, ports);
      }
      return Arrays.stream(ports.split(",")).map(Integer::valueOf).toList();
    }
  }
}
