package dev.switchboard.devmode;

import static org.assertj.core.api.Assertions.assertThat;

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
}
