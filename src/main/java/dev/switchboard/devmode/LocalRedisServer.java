package dev.switchboard.devmode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;

/**
 * A private {@code redis-server} child process on loopback, for dev mode and tests. It runs the
 * {@code redis-server} found on PATH when there is one, else the static Redis 7 binary shipped inside the
 * {@code org.signal:embedded-redis} jar, so nothing has to be installed. Never used in production: that
 * jar is a provided-scope dependency and is not packaged. Its folder (AOF, log) lives until {@link #close()} or
 * the JVM's exit, so a stop and start keep the data, as a restarted Redis does, and nothing is left behind.
 */
public final class LocalRedisServer implements AutoCloseable {

  private static final String SHIPPED_BINARY = "redis-server-7.0.15-%s-%s";
  private static final long START_TIMEOUT_MS = 15_000;
  private static final String DIR_PREFIX = "switchboard-redis-";
  /** Records who uses a folder: the JVM's pid, then the server's; a folder whose processes are all gone is stale. */
  private static final String OWNERS = "owners";

  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private final boolean preferInstalled;
  private Process process;

  public LocalRedisServer(int port, List<String> extraArgs) {
    this(port, extraArgs, true);
  }

  /** @param preferInstalled run {@code redis-server} from PATH when there is one (false: always the shipped binary) */
  public LocalRedisServer(int port, List<String> extraArgs, boolean preferInstalled) {
    this.port = port;
    this.preferInstalled = preferInstalled;
    this.extraArgs = List.copyOf(extraArgs);
    removeStaleDirs();
    try {
      this.dir = Files.createTempDirectory(DIR_PREFIX + port + "-");
      Files.writeString(this.dir.resolve(OWNERS), ProcessHandle.current().pid() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "local-redis-stop-" + port));
  }

  /** A server on a port no one listens on right now. */
  public static LocalRedisServer onFreePort(List<String> extraArgs) {
    return new LocalRedisServer(freePort(), extraArgs);
  }

  public int port() {
    return this.port;
  }

  public String url() {
    return "redis://127.0.0.1:" + this.port;
  }

  /** The folder the server keeps its files (AOF, log) in. */
  public Path dir() {
    return this.dir;
  }

  public synchronized boolean isRunning() {
    return this.process != null && this.process.isAlive();
  }

  /** Starts the server and returns once it answers PING. Restarting after {@link #stop()} keeps the port and folder. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    String executable = this.preferInstalled ? onPath("redis-server").orElseGet(LocalRedisServer::extractShippedBinary)
        : extractShippedBinary();
    List<String> command = new ArrayList<>(List.of(executable,
        "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", this.dir.toString(), "--daemonize", "no"));
    command.addAll(this.extraArgs);
    try {
      Files.createDirectories(this.dir); // gone after close()
      this.process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("redis.log").toFile()))
          .start();
      Files.writeString(this.dir.resolve(OWNERS), this.process.pid() + "\n", java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command.get(0), e);
    }
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (!answersPing(this.port)) {
      if (!this.process.isAlive() || System.currentTimeMillis() > deadline) {
        stop();
        throw new IllegalStateException("redis-server did not start on port " + this.port + "; its log ends with:\n" + logTail());
      }
      pause(20);
    }
    Log.infof("Local Redis listening on %s (%s)", url(), command.get(0));
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
  public synchronized void stop() {
    if (this.process == null) {
      return;
    }
    this.process.destroy();
    try {
      if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
        this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    this.process = null;
  }

  /** Stops the server and deletes its folder: the end of its life (a later {@link #start()} begins empty). */
  @Override
  public synchronized void close() {
    stop();
    deleteTree(this.dir);
  }

  /**
   * Deletes the folders of earlier servers whose JVM and server have both gone without cleaning up (a JVM killed with
   * SIGKILL runs no shutdown hook). A folder without an owners file is left alone: it may be one being created.
   */
  static void removeStaleDirs() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (var dirs = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
      for (Path dir : dirs) {
        Path owners = dir.resolve(OWNERS);
        if (Files.isDirectory(dir) && Files.isRegularFile(owners) && Files.readAllLines(owners).stream()
            .map(String::trim).filter(line -> line.matches("\\d+"))
            .noneMatch(pid -> ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false))) {
          deleteTree(dir);
        }
      }
    } catch (IOException | RuntimeException e) {
      // another JVM may be sweeping at the same time, or a folder is not ours to read: leave it
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // already gone, or unreadable: nothing more to clean up
    }
  }

  /** Kills the server with SIGKILL, as a crash would. */
  public synchronized void kill() {
    if (this.process != null) {
      this.process.destroyForcibly();
      try {
        this.process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      this.process = null;
    }
  }

  /** True when something on 127.0.0.1:port answers a Redis PING. */
  public static boolean answersPing(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] reply = new byte[7];
      int read = socket.getInputStream().read(reply);
      return read >= 5 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(this.dir.resolve("redis.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static Optional<String> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String folder : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(folder, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  private static String extractShippedBinary() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "darwin" : "linux";
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    arch = arch.contains("aarch64") || arch.contains("arm64") ? "arm64" : "amd64";
    String resource = String.format(SHIPPED_BINARY, os, arch);
    try (InputStream in = LocalRedisServer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No redis-server on PATH and no " + resource + " on the classpath (org.signal:embedded-redis)");
      }
      Path target = Path.of(System.getProperty("java.io.tmpdir"), "switchboard-" + resource);
      if (!Files.isExecutable(target)) {
        Path partial = Files.createTempFile(target.getParent(), resource, ".part");
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        partial.toFile().setExecutable(true);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return target.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot extract " + resource, e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // start-up wait for a child process; dev mode and tests only, never on an event loop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
