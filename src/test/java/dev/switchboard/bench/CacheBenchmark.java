package dev.switchboard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The cache layer next to the raw Quarkus Redis client doing the same command on the same Redis in the same run, run
 * by bench/cache.sh (never by ./mvnw verify). Rounds alternate between the two and the median round is reported.
 * Prints {@code BENCH <name> <value> <unit>} lines.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CacheBenchmark {

  static final int OPS = Integer.getInteger("bench.ops", 200_000);
  static final int IN_FLIGHT = 64;
  static final int ROUNDS = 5;
  static final String VALUE = "{\"salon\":\"Hair & Co\",\"services\":[\"cut\",\"dye\",\"wash\"],\"open\":\"09:00\",\"close\":\"18:00\",\"staff\":4}";

  @Inject
  CacheService cache;

  @Inject
  @RedisClientName(RedisClients.CACHE)
  ReactiveRedisDataSource redis;

  ReactiveValueCommands<String, String> raw;

  @Test
  void run() throws Exception {
    this.raw = this.redis.value(String.class);
    Salon salon = new Salon("Hair & Co", List.of("cut", "dye", "wash"), "09:00", "18:00", 4);
    this.cache.set(CacheNamespaces.SALON, "bench", salon).await().indefinitely();
    this.raw.set("bench:raw", VALUE).await().indefinitely();
    this.cache.set(CacheNamespaces.FLAG, "bench", salon).await().indefinitely();
    this.cache.get(CacheNamespaces.FLAG, "bench", Salon.class).await().indefinitely();

    // the raw client's GET of the same JSON, decoded by its own codec into the same record, and as a bare string
    ReactiveValueCommands<String, Salon> typed = this.redis.value(Salon.class);
    long rawGet = compare3("get_hit_redis", i -> this.cache.get(CacheNamespaces.SALON, "bench", Salon.class), "raw_get",
        i -> typed.get("bench:raw"), "raw_get_string", i -> this.raw.get("bench:raw"), OPS, "ops/s");
    report("get_hit_local", localHits(), "ops/s");
    report("raw_get_for_local", rawGet, "ops/s");
    compare3("set", i -> this.cache.set(CacheNamespaces.SALON, "bench-set-" + (i % 1000), salon), "raw_set",
        i -> typed.set("bench:raw-set-" + (i % 1000), salon, new SetArgs().px(1_800_000)), "raw_set_string",
        i -> this.raw.set("bench:raw-set-" + (i % 1000), VALUE, new SetArgs().px(1_800_000)), OPS, "ops/s");
    bulk();
    getOrSetStampede();
    evictionLatency();
  }

  /** {@link #compare} with a second peer; returns the first peer's figure. */
  private long compare3(String name, IntFunction<Uni<?>> ours, String rawName, IntFunction<Uni<?>> raw, String otherName,
      IntFunction<Uni<?>> other, int ops, String unit) {
    drive(ours, ops / 4);
    drive(raw, ops / 4);
    drive(other, ops / 4);
    List<Long> mine = new ArrayList<>();
    List<Long> theirs = new ArrayList<>();
    List<Long> others = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      theirs.add(drive(raw, ops));
      mine.add(drive(ours, ops));
      others.add(drive(other, ops));
    }
    report(name, median(mine), unit);
    report(rawName, median(theirs), unit);
    report(otherName, median(others), unit);
    return median(theirs);
  }

  /** Median ops/s over alternating rounds of ours and the raw client's; returns the raw one. */
  private long compare(String name, IntFunction<Uni<?>> ours, String rawName, IntFunction<Uni<?>> raw, int ops, String unit) {
    drive(ours, ops / 4);
    drive(raw, ops / 4);
    List<Long> mine = new ArrayList<>();
    List<Long> theirs = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      theirs.add(drive(raw, ops));
      mine.add(drive(ours, ops));
    }
    report(name, median(mine), unit);
    report(rawName, median(theirs), unit);
    return median(theirs);
  }

  private static long drive(IntFunction<Uni<?>> call, int ops) {
    long start = System.nanoTime();
    Multi.createFrom().range(0, ops).onItem().transformToUni(call::apply).merge(IN_FLIGHT).collect().last().await().indefinitely();
    return Math.round(ops / ((System.nanoTime() - start) / 1e9));
  }

  /** In-process hits, as a request thread sees them: each answer is there when the call returns. */
  private long localHits() {
    List<Long> rounds = new ArrayList<>();
    for (int round = 0; round < ROUNDS + 1; round++) {
      int ops = 2_000_000;
      long start = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        if (this.cache.get(CacheNamespaces.FLAG, "bench", Salon.class).await().indefinitely().isEmpty()) {
          throw new IllegalStateException("in-process entry missing");
        }
      }
      rounds.add(Math.round(ops / ((System.nanoTime() - start) / 1e9)));
    }
    return median(rounds.subList(1, rounds.size()));
  }

  private void bulk() {
    Map<String, Salon> values = new LinkedHashMap<>();
    List<String> rawKeys = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      values.put("bulk-" + i, new Salon("Salon " + i, List.of("cut"), "09:00", "18:00", i));
      rawKeys.add("bench:raw-bulk-" + i);
      this.raw.set("bench:raw-bulk-" + i, VALUE).await().indefinitely();
    }
    this.cache.bulkSet(CacheNamespaces.SALON, values, null).await().indefinitely();
    String[] rawArray = rawKeys.toArray(String[]::new);
    ReactiveValueCommands<String, Salon> typed = this.redis.value(Salon.class);
    compare3("bulk_get_100", i -> this.cache.bulkGet(CacheNamespaces.SALON, values.keySet(), Salon.class)
        .invoke(found -> check(found.size() == 100)), "raw_mget_100", i -> typed.mget(rawArray), "raw_mget_100_string",
        i -> this.raw.mget(rawArray), OPS / 50, "calls/s");
  }

  /**
   * 100 callers of one cold key at once, 20 keys in turn, with a loader taking 20 ms (a database query): loader calls
   * per key, and how long until all 100 have their answer. The raw peer is plain cache-aside on the raw client: GET,
   * and on a miss load and SET.
   */
  private void getOrSetStampede() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    AtomicInteger rawLoads = new AtomicInteger();
    List<Long> mine = new ArrayList<>();
    List<Long> theirs = new ArrayList<>();
    for (int key = 0; key < 20; key++) {
      String cold = "cold-" + UUID.randomUUID();
      long start = System.nanoTime();
      Multi.createFrom().range(0, 100).onItem().transformToUni(i -> this.cache.getOrSet(CacheNamespaces.SALON, cold, String.class,
          () -> slowLoad(loads))).merge(100).collect().last().await().indefinitely();
      mine.add((System.nanoTime() - start) / 1_000_000);
      String rawCold = "bench:cold-" + UUID.randomUUID();
      start = System.nanoTime();
      Multi.createFrom().range(0, 100).onItem().transformToUni(i -> this.raw.get(rawCold).chain(found -> found != null
          ? Uni.createFrom().item(found)
          : slowLoad(rawLoads).call(loaded -> this.raw.set(rawCold, loaded)))).merge(100).collect().last().await().indefinitely();
      theirs.add((System.nanoTime() - start) / 1_000_000);
    }
    report("getorset_c100_loader_calls_per_key", String.format(Locale.ROOT, "%.2f", loads.get() / 20.0), "calls");
    report("raw_cache_aside_c100_loader_calls_per_key", String.format(Locale.ROOT, "%.2f", rawLoads.get() / 20.0), "calls");
    report("getorset_c100_all_answered", median(mine), "ms");
    report("raw_cache_aside_c100_all_answered", median(theirs), "ms");
  }

  private static Uni<String> slowLoad(AtomicInteger loads) {
    loads.incrementAndGet();
    return Uni.createFrom().item(VALUE).onItem().delayIt().by(Duration.ofMillis(20));
  }

  /**
   * How long after a set in an in-process namespace another replica hears that it must evict: a second subscriber
   * on its own connection, as every other replica has one, receives the eviction.
   */
  private void evictionLatency() throws Exception {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    List<Long> delays = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch received = new CountDownLatch(500);
    var subscriber = this.redis.pubsub(String.class).subscribe("sb:cache:invalidations", message -> {
      Long at = sentAt.remove(message.substring(message.lastIndexOf(':') + 1));
      if (at != null) {
        delays.add(System.nanoTime() - at);
        received.countDown();
      }
    }).await().indefinitely();
    for (int i = 0; i < 500; i++) {
      String key = "evict-" + i;
      sentAt.put(key, System.nanoTime());
      this.cache.set(CacheNamespaces.FLAG, key, true).await().indefinitely();
    }
    check(received.await(30, TimeUnit.SECONDS));
    subscriber.unsubscribe().await().indefinitely();
    List<Long> sorted = delays.stream().sorted().toList();
    report("local_eviction_p50", String.format(Locale.ROOT, "%.2f", sorted.get(sorted.size() / 2) / 1e6), "ms");
    report("local_eviction_p99", String.format(Locale.ROOT, "%.2f", sorted.get((int) (sorted.size() * 0.99)) / 1e6), "ms");
    report("local_eviction_max", String.format(Locale.ROOT, "%.2f", sorted.get(sorted.size() - 1) / 1e6), "ms");
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static void check(boolean condition) {
    if (!condition) {
      throw new IllegalStateException("benchmark answer was wrong");
    }
  }

  private static void report(String name, Object value, String unit) {
    System.out.println(String.format(Locale.ROOT, "BENCH %s %s %s", name, value, unit));
  }

  public record Salon(String salon, List<String> services, String open, String close, int staff) {
  }
}
