package dev.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy between one service process and Redis that freezes at a point the test chooses, as a replica's host
 * freezes before it is killed: once bytes containing every one of the trigger's strings have passed in the trigger's
 * direction, nothing more moves either way. The frozen process has done exactly what came before (a script call
 * that passed reached Redis; its reply never reaches the process), so a test can kill it between two steps of a job
 * deterministically, without hooks in the code under test.
 */
public final class FreezingProxy implements AutoCloseable {

  /** Which way the trigger's bytes travel. */
  public enum Direction {
    TO_REDIS, FROM_REDIS
  }

  private final int redisPort;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final CountDownLatch frozen = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Direction direction;
  private volatile List<String> trigger;

  public FreezingProxy(int redisPort) throws IOException {
    this.redisPort = redisPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "freezing-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url() {
    return "redis://127.0.0.1:" + this.server.getLocalPort();
  }

  /** Freezes everything once one read in {@code direction} contains all of {@code strings}. */
  public void freezeWhen(Direction direction, String... strings) {
    this.direction = direction;
    this.trigger = List.of(strings);
  }

  public boolean awaitFrozen(Duration timeout) throws InterruptedException {
    return this.frozen.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void accept() {
    while (!this.server.isClosed()) {
      try {
        Socket client = this.server.accept();
        Socket redis = new Socket(InetAddress.getLoopbackAddress(), this.redisPort);
        this.sockets.add(client);
        this.sockets.add(redis);
        pump(client, redis, Direction.TO_REDIS);
        pump(redis, client, Direction.FROM_REDIS);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to, Direction way) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      String tail = "";
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (this.frozen.getCount() == 0) {
            this.closed.await(); // hold everything: the process neither hears back nor gets anything through
            return;
          }
          out.write(buffer, 0, read);
          out.flush();
          String seen = tail + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
          List<String> strings = this.trigger;
          if (strings != null && way == this.direction && strings.stream().allMatch(seen::contains)) {
            this.frozen.countDown();
          }
          tail = seen.length() > 256 ? seen.substring(seen.length() - 256) : seen;
        }
      } catch (IOException e) {
        // a side closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "freezing-proxy-" + way);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    this.closed.countDown();
    this.server.close();
    for (Socket socket : this.sockets) {
      socket.close();
    }
  }
}
