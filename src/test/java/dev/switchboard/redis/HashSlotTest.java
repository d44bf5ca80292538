package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.testing.RespConnection;

class HashSlotTest {

  @Test
  void shouldHashKeysAsRedisClusterDoes() throws Exception {
    Random random = new Random(14);
    try (LocalRedisServer node = LocalRedisServer.onFreePort(List.of("--cluster-enabled", "yes"))) {
      node.start();
      try (RespConnection redis = new RespConnection(node.port())) {
        for (String key : List.of("", "foo", "{user1000}.following", "{}x", "a{}{b}", "{a}{b}", "x{y", "sb:{whatsapp:webhook}:job:1",
            "sb:state:{acme:15550142876}", "sb:wamid:{wamid.HBgLMTU1NTAxNDI4NzY=}", "\u00fcmlaut{\u00df}")) {
          assertThat(HashSlot.of(key)).as(key).isEqualTo(((Long) redis.call("CLUSTER", "KEYSLOT", key)).intValue());
        }
        for (int i = 0; i < 500; i++) {
          String key = "k" + random.nextLong() + (i % 3 == 0 ? "{" + random.nextInt(1000) + "}" : "");
          assertThat(HashSlot.of(key)).as(key).isEqualTo(((Long) redis.call("CLUSTER", "KEYSLOT", key)).intValue());
        }
      }
    }
  }

  @Test
  void shouldFindAKeyForAnySlot() {
    for (int slot = 0; slot < HashSlot.SLOTS; slot += 61) {
      assertThat(HashSlot.of(HashSlot.keyIn(slot))).isEqualTo(slot);
    }
    assertThat(HashSlot.of(HashSlot.keyIn(HashSlot.SLOTS - 1))).isEqualTo(HashSlot.SLOTS - 1);
  }
}
