package dev.switchboard.cache.local;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.switchboard.config.SwitchboardConfig;

/**
 * The in-process level: decoded entries of the namespaces that opt in, bounded in size and in age
 * ({@code switchboard.cache.local-ttl}, whatever the entry's TTL). It serves only while this replica receives the
 * other replicas' evictions ({@link Invalidations}); it is emptied whenever that stream may have had a gap.
 * A read that raced an eviction does not store what it read: every eviction bumps a stamp the read compares.
 */
@Singleton // no client proxy: its methods sit on the read path of every cache call
public class LocalLevel {

  private static final int STRIPES = 1024;

  private final Cache<String, LocalEntry> entries;
  private final int maxEntries;
  private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
  private final AtomicLong flushes = new AtomicLong();
  private volatile boolean trusted;

  public LocalLevel(SwitchboardConfig config) {
    this.maxEntries = config.cache().localMaxEntries();
    this.entries = Caffeine.newBuilder().maximumSize(this.maxEntries).expireAfterWrite(config.cache().localTtl()).build();
  }

  /** The live entry of the key (its payload is null for a remembered absence), or null. */
  public LocalEntry get(String key) {
    if (!this.trusted) {
      return null;
    }
    LocalEntry entry = this.entries.getIfPresent(key);
    if (entry != null && entry.expiresAt() != 0 && entry.expiresAt() <= System.currentTimeMillis()) {
      this.entries.invalidate(key);
      return null;
    }
    return entry;
  }

  /** Taken before reading the level below; {@link #putIfUnchanged} stores only if no eviction came since. */
  public long stamp(String key) {
    return this.stripes.get(stripe(key)) + this.flushes.get();
  }

  public void putIfUnchanged(String key, long stamp, LocalEntry entry) {
    if (this.trusted && stamp(key) == stamp) {
      this.entries.put(key, entry);
    }
  }

  public void evict(String key) {
    this.stripes.incrementAndGet(stripe(key));
    this.entries.invalidate(key);
  }

  /** Evicts every key starting with the prefix. */
  public void evictPrefix(String prefix) {
    this.flushes.incrementAndGet();
    this.entries.asMap().keySet().removeIf(key -> key.startsWith(prefix));
  }

  public void clear() {
    this.flushes.incrementAndGet();
    this.entries.invalidateAll();
  }

  /** Serve from this level (true) or bypass it (false, and empty it) while evictions may be missed. */
  public void trust(boolean trusted) {
    if (!trusted) {
      this.trusted = false;
      clear();
    } else {
      clear();
      this.trusted = true;
    }
  }

  public boolean trusted() {
    return this.trusted;
  }

  public long size() {
    this.entries.cleanUp();
    return this.entries.estimatedSize();
  }

  public int maxEntries() {
    return this.maxEntries;
  }

  private static int stripe(String key) {
    return (key.hashCode() & 0x7fffffff) % STRIPES;
  }
}
