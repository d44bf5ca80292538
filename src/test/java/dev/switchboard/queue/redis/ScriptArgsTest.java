package dev.switchboard.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.redis.LuaScript;
import io.vertx.redis.client.impl.ZModem;

/**
 * The KEYS rule of Redis Cluster, checked on what every builder renders: KEYS[1] is the queue's meta key, tagged with
 * {@code {<queue>}}, and every key hashes to the slot of that tag, so a cluster client sends the script to the one node
 * that owns all its keys. The slot is computed here from the cluster specification (CRC16/XMODEM of the hash tag, mod
 * 16384) and compared with the one the Vert.x cluster client routes by.
 */
class ScriptArgsTest {

  static final QueueKeys KEYS = new QueueKeys("sb", "whatsapp:webhook");

  /** One call of every script, with the job hashes each may name. */
  static List<ScriptArgs> everyScript() {
    return List.of(
        new EnqueueArgs(KEYS).job("a", "{}", 5, "acme", 0, 3, 5).job("b", "{}", 10, null, 0, 3, 0),
        new FetchArgs(KEYS).consumer("pod-1/whatsapp-webhook").count(4).fairBand(3),
        new CompleteArgs(KEYS).consumer("pod-1").prefetch(2, -1).job("a", 1, "1-0", 5, "acme").job("b", 2, "1-1", 10, null),
        new FailArgs(KEYS).job("a", 1).error("boom", "java.lang.IllegalStateException").stack("at x.y(Z.java:1)").retryDelay(2000),
        new PromoteArgs(KEYS),
        new ReclaimArgs(KEYS).consumer("pod-1").minIdle(30_000).count(5),
        new ExtendArgs(KEYS).consumer("pod-1").job("a", 1).job("b", 3),
        new RecordArgs(KEYS).job("a", 1).result("{\"wamid\":\"x\"}"),
        new RemoveArgs(KEYS).job("a"),
        new RetryArgs(KEYS).jobs(List.of("a", "b")),
        new CleanArgs(KEYS).set(CleanArgs.FinishedSet.DEAD).finishedBefore(1000),
        new DrainArgs(KEYS).includeDelayed(true),
        new PageArgs(KEYS).state("active").after("s:10:1-0").page(10, 100).matching("acme"),
        new PromoteJobArgs(KEYS).job("a"),
        new HandBackArgs(KEYS).consumer("pod-1").job("a", 1, "1-0", 5).job("b", 2, "1-1", 10));
  }

  @Test
  void shouldPutEveryKeyOfEveryScriptInTheQueuesSlot() {
    int slot = slot("{whatsapp:webhook}");
    for (ScriptArgs call : everyScript()) {
      List<String> keys = call.keys();
      assertThat(keys.get(0)).as(call.getClass().getSimpleName()).isEqualTo("sb:{whatsapp:webhook}:meta");
      assertThat(keys).as(call.getClass().getSimpleName()).allSatisfy(key -> {
        assertThat(key).startsWith("sb:{whatsapp:webhook}:");
        assertThat(slot(key)).as(key).isEqualTo(slot);
        assertThat(ZModem.generate(key)).as("Vert.x cluster client slot of " + key).isEqualTo(slot);
      });
    }
  }

  @Test
  void shouldDeclareTheJobHashesTheCallNames() {
    assertThat(new CompleteArgs(KEYS).consumer("c").job("a", 1, "1-0", 5, null).job("b", 2, "1-1", 5, null).keys())
        .endsWith("sb:{whatsapp:webhook}:job:a", "sb:{whatsapp:webhook}:job:b").hasSize(21);
    assertThat(new FailArgs(KEYS).job("a", 1).keys()).last().isEqualTo("sb:{whatsapp:webhook}:job:a");
    assertThat(new FetchArgs(KEYS).consumer("c").keys()).isEqualTo(KEYS.scriptKeys());
  }

  @Test
  void shouldHaveABuilderForEveryQueueScript() throws IllegalAccessException {
    Set<LuaScript> scripts = new HashSet<>();
    for (Field field : QueueScripts.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == LuaScript.class) {
        scripts.add((LuaScript) field.get(null));
      }
    }
    Set<LuaScript> built = new HashSet<>();
    everyScript().forEach(call -> built.add(call.script()));
    assertThat(built).isEqualTo(scripts).hasSize(15);
  }

  /** lib.lua reads the fixed keys by position: the Java order and the Lua one must agree. */
  @Test
  void shouldRenderTheFixedKeysInTheOrderLibLuaReadsThem() throws Exception {
    String lib = new String(getClass().getClassLoader().getResourceAsStream("queue/lua/lib.lua").readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lib).contains("local FIXED = " + KEYS.scriptKeys().size() + " ")
        .contains("local META, PAUSED, DELAYED, COMPLETED, DEAD, GROUPS, GLIMITS, SEQ =")
        .contains("return KEYS[19 - tonumber(prio)]");
    assertThat(KEYS.scriptKeys().subList(0, 8)).containsExactly(KEYS.meta(), KEYS.paused(), KEYS.delayed(), KEYS.completed(),
        KEYS.dead(), KEYS.groups(), KEYS.groupLimits(), KEYS.sequence());
    for (int priority = 0; priority <= 10; priority++) {
      // KEYS[19 - prio] in Lua is index 18 - prio here
      assertThat(KEYS.scriptKeys().get(18 - priority)).isEqualTo(KEYS.stream(priority));
    }
  }

  @Test
  void shouldRenderArgumentsInTheOrderTheScriptsReadThem() {
    assertThat(new FetchArgs(KEYS).consumer("c").count(4).now(1000).fairBand(3).args()).containsExactly("c", "4", "1000", "3");
    CompleteArgs complete = new CompleteArgs(KEYS).consumer("c").now(1000).retention(10, 60_000).defaultGroupLimit(5).prefetch(3, 7)
        .job("a", 2, "1-0", 9, "acme");
    assertThat(complete.args()).containsExactly("1000", "10", "60000", "5", "c", "3", "7", "a", "2", "1-0", "9", "acme");
    assertThat(complete.withoutPrefetch().args()).containsExactly("1000", "10", "60000", "5", "c", "0", "-1", "a", "2", "1-0", "9", "acme");
    assertThat(new FailArgs(KEYS).job("a", 2).now(1000).error("boom", "E").permanent(true).retryDelay(500).retention(7, 60_000)
        .defaultGroupLimit(5).stack("at x").args()).containsExactly("a", "2", "1000", "boom", "E", "1", "500", "7", "60000", "5", "at x");
    assertThat(new PageArgs(KEYS).state("dead").after("z:1000:2").page(10, 1000).matching("+49").args())
        .containsExactly("dead", "z:1000:2", "10", "1000", "+49");
    assertThat(new DrainArgs(KEYS).includeDelayed(true).batch(500).args()).containsExactly("1", "500");
    assertThat(new EnqueueArgs(KEYS).now(1000).defaultGroupLimit(5).job("a", "{}", 5, null, 0, 3, 0).args())
        .containsExactly("1000", "5", "a", "{}", "5", "", "0", "3", "0");
    assertThat(new ExtendArgs(KEYS).consumer("c").job("a", 1).job("b", 2).args()).containsExactly("c", "a", "1", "b", "2");
  }

  @Test
  void shouldRefuseAQueueNameThatWouldMoveTheHashTag() {
    assertThatThrownBy(() -> new QueueKeys("sb", "a}b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QueueKeys("{sb}", "q")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FetchArgs(KEYS).args()).hasMessageContaining("consumer");
  }

  @Test
  void shouldComputeSlotsAsTheClusterSpecificationSays() {
    // examples from the Redis Cluster specification and CLUSTER KEYSLOT
    assertThat(crc16("123456789".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x31C3);
    assertThat(slot("foo")).isEqualTo(12182);
    assertThat(slot("{user1000}.following")).isEqualTo(slot("{user1000}.followers"));
    // an empty first tag means the whole key is hashed; the tag ends at the first '}' after the first '{'
    assertThat(slot("foo{}{bar}")).isEqualTo(crc16("foo{}{bar}".getBytes(StandardCharsets.UTF_8)) % 16384);
    assertThat(slot("foo{{bar}}zap")).isEqualTo(slot("{bar"));
  }

  /** HASH_SLOT = CRC16(key or its hash tag) mod 16384; the tag is what lies between the first '{' and the next '}'. */
  static int slot(String key) {
    String hashed = key;
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        hashed = key.substring(open + 1, close);
      }
    }
    return crc16(hashed.getBytes(StandardCharsets.UTF_8)) % 16384;
  }

  /** CRC16/XMODEM: polynomial 0x1021, initial value 0. */
  static int crc16(byte[] bytes) {
    int crc = 0;
    for (byte b : bytes) {
      crc ^= (b & 0xFF) << 8;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      crc &= 0xFFFF;
    }
    return crc;
  }
}
