package dev.switchboard.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TestSettings;

/**
 * Every queue the service declares has its processor: the packaged app starts without SmallRye's warnings about
 * channels that lead nowhere (SRMSG00207, SRMSG00208), which it logged while the reminder and e-mail queues had none.
 */
class ChannelWiringIT {

  @Test
  void shouldStartWithEveryDeclaredChannelConnected() throws Exception {
    LocalRedisServer redis = LocalRedisServer.onFreePort(List.of());
    redis.start();
    Map<String, String> settings = new HashMap<>(new TestSettings().start());
    settings.put("quarkus.redis.hosts", redis.url());
    ServiceProcess service = new ServiceProcess("channel-wiring", settings);
    try {
      service.start();
      String log = Files.readString(service.log());
      assertThat(log).contains("Queue 'booking:reminder': consumer", "Queue 'notification:email': consumer", "started in");
      assertThat(log).doesNotContain("SRMSG00207").doesNotContain("SRMSG00208");
    } finally {
      service.stop();
      redis.stop();
    }
  }
}
