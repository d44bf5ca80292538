package dev.switchboard.cache.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The fallback while Redis cannot be reached: the same operations on the same payloads, in a bounded map (the
 * least recently used entries go first) that honours each entry's expiry. Local to this replica.
 */
public final class MemoryStore {

  private final Cache<String, Entry> entries;
  private final int maxEntries;

  public MemoryStore(int maxEntries) {
    this.maxEntries = maxEntries;
    this.entries = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).expireAfter(new EntryExpiry()).build();
  }

  public String get(String key) {
    Entry entry = this.entries.getIfPresent(key);
    return entry == null ? null : entry.payload();
  }

  public List<String> getAll(List<String> keys) {
    List<String> values = new ArrayList<>(keys.size());
    keys.forEach(key -> values.add(get(key)));
    return values;
  }

  public void set(String key, String payload, long pxMillis) {
    this.entries.put(key, new Entry(payload, expiresAt(pxMillis), null));
  }

  public boolean setIfAbsent(String key, String value, long pxMillis) {
    Entry mine = new Entry(value, expiresAt(pxMillis), null);
    return this.entries.asMap().putIfAbsent(key, mine) == null;
  }

  public boolean compareAndSet(String key, String expectedSha1, String payload, long pxMillis) {
    boolean[] written = { false };
    this.entries.asMap().compute(key, (k, current) -> {
      if (!Payloads.sha1(current == null ? null : current.payload()).equals(expectedSha1)) {
        return current;
      }
      written[0] = true;
      return new Entry(payload, expiresAt(pxMillis), null);
    });
    return written[0];
  }

  public boolean release(String lockKey, String token) {
    boolean[] released = { false };
    this.entries.asMap().computeIfPresent(lockKey, (k, current) -> {
      released[0] = token.equals(current.payload());
      return released[0] ? null : current;
    });
    return released[0];
  }

  public long unlink(String key) {
    return this.entries.asMap().remove(key) == null ? 0 : 1;
  }

  public long increment(String key, long delta, long pxMillis) {
    Entry updated = this.entries.asMap().compute(key, (k, current) -> {
      if (current == null || Payloads.isTombstone(current.payload())) {
        return new Entry(Long.toString(delta), expiresAt(pxMillis), null);
      }
      long value = Long.parseLong(current.payload()) + delta;
      return new Entry(Long.toString(value), current.expiresAt(), null);
    });
    return Long.parseLong(updated.payload());
  }

  public boolean expire(String key, long logicalExpiry, long pxMillis) {
    Entry updated = this.entries.asMap().computeIfPresent(key, (k, current) -> Payloads.isTombstone(current.payload()) ? current
        : new Entry(Payloads.withExpiry(current.payload(), logicalExpiry), expiresAt(pxMillis), current.state()));
    return updated != null && !Payloads.isTombstone(updated.payload());
  }

  /** Removes every key starting with the prefix; returns how many. */
  public long deleteMatching(String prefix) {
    long[] removed = { 0 };
    this.entries.asMap().keySet().removeIf(key -> {
      boolean match = key.startsWith(prefix);
      removed[0] += match ? 1 : 0;
      return match;
    });
    return removed[0];
  }

  /** The live entries whose key starts with the prefix, key to payload. */
  public Map<String, String> entriesWithPrefix(String prefix) {
    Map<String, String> found = new java.util.LinkedHashMap<>();
    this.entries.asMap().forEach((key, entry) -> {
      if (key.startsWith(prefix)) {
        found.put(key, entry.payload());
      }
    });
    return found;
  }

  /** Atomically replaces the entry (null: none) by what {@code change} returns (null removes it), for the helpers. */
  public Entry compute(String key, UnaryOperator<Entry> change) {
    return this.entries.asMap().compute(key, (k, current) -> change.apply(current));
  }

  public long size() {
    this.entries.cleanUp();
    return this.entries.estimatedSize();
  }

  public int maxEntries() {
    return this.maxEntries;
  }

  public void clear() {
    this.entries.invalidateAll();
  }

  public static long expiresAt(long pxMillis) {
    return pxMillis > 0 ? System.currentTimeMillis() + pxMillis : 0;
  }

  /**
   * A stored payload, its hard expiry (epoch ms, 0: never) and, for helpers that need more than a string (a sliding
   * window's timestamps), their own state.
   */
  public record Entry(String payload, long expiresAt, Object state) {
    public Entry {
      Objects.requireNonNull(payload, "payload");
    }
  }

  private static final class EntryExpiry implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry entry, long currentTime) {
      return nanosLeft(entry);
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
      return nanosLeft(entry);
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private static long nanosLeft(Entry entry) {
      if (entry.expiresAt() == 0) {
        return Long.MAX_VALUE;
      }
      return Math.max(0, entry.expiresAt() - System.currentTimeMillis()) * 1_000_000L;
    }
  }
}
