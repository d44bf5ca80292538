package dev.switchboard.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for Redis Cluster nodes. A node also listens on its port + 10000 (the cluster bus), so a port must be free
 * together with its bus port, and no two nodes of this JVM may collide on either.
 */
public final class ClusterPorts {

  public static final int BUS_OFFSET = 10000;
  private static final int EPHEMERAL_START = 32768;
  private static final Set<Integer> TAKEN = new HashSet<>();

  private ClusterPorts() {
  }

  public static synchronized int next() {
    for (int attempt = 0; attempt < 1000; attempt++) {
      // below Linux's ephemeral range (32768 and up), so an outgoing connection of another process cannot take the
      // port between this check and redis-server's bind: node ports 20000-22767, bus ports 30000-32767
      int port = ThreadLocalRandom.current().nextInt(20000, EPHEMERAL_START - BUS_OFFSET);
      int bus = port + BUS_OFFSET;
      if (!TAKEN.contains(port) && !TAKEN.contains(bus) && isFree(port) && isFree(bus)) {
        TAKEN.add(port);
        TAKEN.add(bus);
        return port;
      }
    }
    throw new IllegalStateException("no free port pair for a Redis Cluster node");
  }

  /** The node on {@code port} is gone: its ports may be handed out again. */
  public static synchronized void release(int port) {
    TAKEN.remove(port);
    TAKEN.remove(port + BUS_OFFSET);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
