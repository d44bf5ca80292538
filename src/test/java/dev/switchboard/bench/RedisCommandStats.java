package dev.switchboard.bench;

import java.util.Map;
import java.util.TreeMap;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * Calls and time per Redis command (from {@code INFO commandstats}) added up over measured windows: what a figure's
 * Redis time is made of. Commands a script runs are counted under their own names too, and inside {@code evalsha}'s.
 */
final class RedisCommandStats {

  private final Map<String, long[]> totals = new TreeMap<>();
  private Map<String, long[]> start;

  /** Starts a measured window. */
  void begin(ReactiveRedisDataSource redis) {
    this.start = read(redis);
  }

  /** Ends the window begun last and adds its calls and microseconds per command. */
  void end(ReactiveRedisDataSource redis) {
    read(redis).forEach((command, now) -> {
      long[] before = this.start.getOrDefault(command, new long[2]);
      long[] total = this.totals.computeIfAbsent(command, c -> new long[2]);
      total[0] += now[0] - before[0];
      total[1] += now[1] - before[1];
    });
  }

  /** Per command: {calls, microseconds} over every window. */
  Map<String, long[]> totals() {
    return this.totals;
  }

  /**
   * Round trips the client made over every window: script calls and blocking reads (commands run inside scripts are
   * not counted; the gauge refresh and the benchmark's own polling add a few).
   */
  long roundTrips() {
    return roundTrips(this.totals);
  }

  /** The same, as counted by Redis since it started. */
  static long roundTripsSoFar(ReactiveRedisDataSource redis) {
    return roundTrips(read(redis));
  }

  private static long roundTrips(Map<String, long[]> stats) {
    long calls = 0;
    for (String command : new String[] { "evalsha", "eval", "xread" }) {
      long[] stat = stats.get(command);
      calls += stat == null ? 0 : stat[0];
    }
    return calls;
  }

  private static Map<String, long[]> read(ReactiveRedisDataSource redis) {
    String info = redis.execute("INFO", "commandstats").await().indefinitely().toString();
    Map<String, long[]> stats = new TreeMap<>();
    for (String line : info.split("\\r?\\n")) {
      if (line.startsWith("cmdstat_")) {
        String command = line.substring("cmdstat_".length(), line.indexOf(':'));
        stats.put(command, new long[] { field(line, "calls="), field(line, "usec=") });
      }
    }
    return stats;
  }

  private static long field(String line, String name) {
    int at = line.indexOf(name) + name.length();
    int end = line.indexOf(',', at);
    return Long.parseLong(line.substring(at, end < 0 ? line.length() : end));
  }
}
