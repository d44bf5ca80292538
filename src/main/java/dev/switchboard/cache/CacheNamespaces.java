package dev.switchboard.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import dev.switchboard.config.SwitchboardConfig;

/**
 * The cache namespaces and their settings: TTL ({@code switchboard.cache.ttl.<namespace>}, else {@code default}),
 * grace ({@code switchboard.cache.grace.<namespace>}, else {@code default}) and whether the in-process level keeps
 * them ({@code switchboard.cache.local-namespaces}). Keys are {@code <prefix>:cache:<namespace>:<key>}.
 */
@Singleton // no client proxy: its methods sit on the read path of every cache call
public class CacheNamespaces {

  public static final String DASHBOARD_STATS = "dashboard-stats";
  public static final String SALON = "salon";
  public static final String TEMPLATE = "template";
  public static final String CONVERSATION = "conversation";
  public static final String USER_STATE = "user-state";
  public static final String DEFAULT = "default";
  public static final String SESSION = "session";
  public static final String FLAG = "flag";
  public static final String AUTH = "auth";
  public static final String RATELIMIT = "ratelimit";
  /** Metric tag of every namespace outside {@link #KNOWN}, so that tag values stay a fixed set. */
  public static final String OTHER = "other";

  public static final List<String> KNOWN = List.of(DASHBOARD_STATS, SALON, TEMPLATE, CONVERSATION, USER_STATE, DEFAULT, SESSION, FLAG,
      AUTH, RATELIMIT);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final SwitchboardConfig.Cache settings;
  private final String keyPrefix;
  private final String lockPrefix;
  private final Set<String> local;
  private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

  public CacheNamespaces(SwitchboardConfig config) {
    this.settings = config.cache();
    this.keyPrefix = config.keyPrefix() + ":cache:";
    this.lockPrefix = config.keyPrefix() + ":lock:cache:";
    this.local = Set.copyOf(this.settings.localNamespaces());
  }

  /** The namespace's settings; a name outside {@code [a-z0-9-]} is refused. */
  public Namespace of(String name) {
    Namespace known = this.namespaces.get(name);
    return known != null ? known : this.namespaces.computeIfAbsent(validated(name), this::create);
  }

  /** {@code <prefix>:cache:}: what every cache key starts with. */
  public String keyPrefix() {
    return this.keyPrefix;
  }

  /** The load lock of a full cache key: {@code <prefix>:lock:cache:<namespace>:<key>}. */
  public String lockKey(String fullKey) {
    return this.lockPrefix + fullKey.substring(this.keyPrefix.length());
  }

  /** Known namespaces and every other one used since start-up. */
  public List<Namespace> all() {
    KNOWN.forEach(this::of);
    return this.namespaces.values().stream().sorted(java.util.Comparator.comparing(Namespace::name)).toList();
  }

  /** The namespace of a full cache key, or null when it is not one. */
  public String namespaceOfKey(String fullKey) {
    if (!fullKey.startsWith(this.keyPrefix)) {
      return null;
    }
    int end = fullKey.indexOf(':', this.keyPrefix.length());
    return end < 0 ? null : fullKey.substring(this.keyPrefix.length(), end);
  }

  private Namespace create(String name) {
    Duration ttl = this.settings.ttls().getOrDefault(name, this.settings.ttls().getOrDefault(DEFAULT, Duration.ofHours(1)));
    Duration grace = this.settings.graces().getOrDefault(name, this.settings.graces().getOrDefault(DEFAULT, Duration.ZERO));
    String tag = KNOWN.contains(name) ? name : OTHER;
    return new Namespace(name, tag, this.keyPrefix + name + ":", ttl, grace, this.local.contains(name));
  }

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  private static String validated(String name) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("cache namespace must match [a-z0-9][a-z0-9-]{0,63}: " + name);
    }
    return name;
  }

  /**
   * One namespace: its metric tag ({@link #OTHER} for names outside {@link #KNOWN}), key prefix, TTL (zero: none),
   * grace for stale values, and whether the in-process level keeps its entries.
   */
  public record Namespace(String name, String tag, String keyPrefix, Duration ttl, Duration grace, boolean local) {

    public String key(String key) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("cache key must not be empty");
      }
      return this.keyPrefix + key;
    }

    /** TTL to use for a write: the given one, or the namespace's. */
    public Duration ttlOr(Duration given) {
      return given != null ? given : this.ttl;
    }
  }
}
