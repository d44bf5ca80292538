package dev.switchboard.cache;

/** A getOrSet answer: the value (null when the loader answered null) and how it was obtained. */
public record CacheResult<T>(T value, CacheStatus status) {
}
