package dev.switchboard.devmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LocalRedisServerTest {

  @Test
  void shouldRunTheShippedBinaryWhenNoRedisIsInstalled() {
    LocalRedisServer server = new LocalRedisServer(LocalRedisServer.freePort(), List.of(), false);
    try {
      server.start();
      assertThat(LocalRedisServer.answersPing(server.port())).isTrue();
    } finally {
      server.stop();
    }
    assertThat(LocalRedisServer.answersPing(server.port())).isFalse();
  }

  @Test
  void shouldKeepPortAcrossRestart() {
    LocalRedisServer server = LocalRedisServer.onFreePort(List.of());
    try {
      server.start();
      server.stop();
      server.start();
      assertThat(LocalRedisServer.answersPing(server.port())).isTrue();
    } finally {
      server.stop();
    }
  }

  @Test
  void shouldLeaveNothingBehindWhenClosed() {
    LocalRedisServer server = LocalRedisServer.onFreePort(List.of("--appendonly", "yes"));
    server.start();
    assertThat(server.dir()).isDirectory();
    server.close();
    assertThat(LocalRedisServer.answersPing(server.port())).isFalse();
    assertThat(server.dir()).doesNotExist();
  }

  @Test
  void shouldRemoveTheFolderOfAServerWhoseJvmWasKilled() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path stale = Files.createTempDirectory(tmp, "switchboard-redis-1-");
    Files.writeString(stale.resolve("owners"), gone.pid() + "\n");
    Files.writeString(stale.resolve("redis.log"), "a log of a server nobody stopped");
    Path alive = Files.createTempDirectory(tmp, "switchboard-redis-2-");
    Files.writeString(alive.resolve("owners"), gone.pid() + "\n" + ProcessHandle.current().pid() + "\n");
    try {
      LocalRedisServer.onFreePort(List.of()).close();

      assertThat(stale).doesNotExist();
      assertThat(alive).isDirectory();
    } finally {
      Files.deleteIfExists(alive.resolve("owners"));
      Files.deleteIfExists(alive);
    }
  }
}
