package dev.switchboard.cache.store;

/** A cache operation's answer and where it came from: Redis, or this replica's memory (and whether Redis failed). */
public record Served<T>(T value, boolean fromRedis, boolean redisFailed) {

  static <T> Served<T> redis(T value) {
    return new Served<>(value, true, false);
  }

  static <T> Served<T> memory(T value) {
    return new Served<>(value, false, false);
  }

  static <T> Served<T> afterFailure(T value) {
    return new Served<>(value, false, true);
  }
}
