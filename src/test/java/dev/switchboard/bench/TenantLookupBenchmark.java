package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.switchboard.support.Digests;
import dev.switchboard.tenant.ApiToken;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantDirectory;
import dev.switchboard.tenant.TenantEntry;

/**
 * What a request pays to find its tenant, run by bench/tenants.sh (never by ./mvnw verify): the in-memory directory
 * with 10 and with 10,000 registry tenants side by side, looked up by API token (SHA-256 of the token, a map look-up,
 * a constant-time digest comparison) and by phone-number id (a map look-up). Also what the directory's entries take
 * on the heap. Prints {@code BENCH <name> <value> <unit>} lines.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class TenantLookupBenchmark {

  static final int LOOKUPS = 2_000_000;
  static final int ROUNDS = 7;

  @Test
  void run() {
    Directory small = directory(10);
    Directory large = directory(10_000);
    for (int warm = 0; warm < 3; warm++) {
      byToken(small);
      byToken(large);
      byNumber(small);
      byNumber(large);
    }
    double tokenSmall = median(() -> byToken(small));
    double tokenLarge = median(() -> byToken(large));
    double numberSmall = median(() -> byNumber(small));
    double numberLarge = median(() -> byNumber(large));
    double sha = median(() -> sha256(large));
    print("lookup_by_token_10_tenants", tokenSmall, "ns");
    print("lookup_by_token_10000_tenants", tokenLarge, "ns");
    print("lookup_by_token_ratio_10000_to_10", tokenLarge / tokenSmall, "x");
    print("lookup_sha256_of_token_alone", sha, "ns");
    print("lookup_by_phone_number_id_10_tenants", numberSmall, "ns");
    print("lookup_by_phone_number_id_10000_tenants", numberLarge, "ns");
    print("lookup_by_phone_number_id_ratio_10000_to_10", numberLarge / numberSmall, "x");
    print("directory_heap_per_tenant", heapPerTenant(), "bytes");
  }

  private record Directory(TenantDirectory directory, String[] tokens, String[] numbers) {
  }

  static Directory directory(int size) {
    TenantDirectory directory = new TenantDirectory(List.of());
    String[] tokens = new String[size];
    String[] numbers = new String[size];
    for (int i = 0; i < size; i++) {
      tokens[i] = "sbt_" + String.format("%043d", i * 7919L);
      numbers[i] = String.format("9%014d", i);
      directory.put(entry("tenant-" + i, numbers[i], tokens[i]));
    }
    return new Directory(directory, tokens, numbers);
  }

  static TenantEntry entry(String id, String number, String token) {
    Tenant tenant = new Tenant(id, "Salon " + id, Optional.of(number), Optional.of("10" + number), Optional.of("EAAG" + "x".repeat(200)), 80, 5,
        Optional.empty(), Tenant.Source.REGISTRY, Tenant.State.ACTIVE, Tenant.QueuedSends.SEND);
    return new TenantEntry(tenant, List.of(new ApiToken(Digests.sha256Hex(token), System.currentTimeMillis(), 0)), 0, 1, 1);
  }

  static long sink;

  static double byToken(Directory d) {
    long start = System.nanoTime();
    for (int i = 0; i < LOOKUPS; i++) {
      sink += d.directory().byApiToken(d.tokens()[i % d.tokens().length]).orElseThrow().rateLimit();
    }
    return (System.nanoTime() - start) / (double) LOOKUPS;
  }

  static double byNumber(Directory d) {
    long start = System.nanoTime();
    for (int i = 0; i < LOOKUPS; i++) {
      sink += d.directory().byPhoneNumberId(d.numbers()[i % d.numbers().length]).orElseThrow().rateLimit();
    }
    return (System.nanoTime() - start) / (double) LOOKUPS;
  }

  static double sha256(Directory d) {
    long start = System.nanoTime();
    for (int i = 0; i < LOOKUPS; i++) {
      sink += Digests.sha256(d.tokens()[i % d.tokens().length].getBytes(java.nio.charset.StandardCharsets.UTF_8))[0];
    }
    return (System.nanoTime() - start) / (double) LOOKUPS;
  }

  static double median(java.util.function.DoubleSupplier run) {
    double[] runs = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      runs[i] = run.getAsDouble();
    }
    Arrays.sort(runs);
    return runs[ROUNDS / 2];
  }

  static double heapPerTenant() {
    List<Directory> keep = new ArrayList<>();
    long before = usedHeapAfterGc();
    keep.add(directory(10_000));
    long after = usedHeapAfterGc();
    sink += keep.size();
    return (after - before) / 10_000.0;
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  static void print(String name, double value, String unit) {
    System.out.println(String.format(Locale.ROOT, "BENCH %s %.1f %s", name, value, unit));
  }
}
