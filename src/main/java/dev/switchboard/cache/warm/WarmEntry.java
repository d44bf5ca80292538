package dev.switchboard.cache.warm;

import java.time.Duration;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/** One entry to warm: where it goes, how to load it, and for how long (null: the namespace TTL). */
public record WarmEntry<T>(String namespace, String key, Class<T> type, Supplier<Uni<T>> loader, Duration ttl) {
}
