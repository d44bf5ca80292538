package dev.switchboard.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * All of Switchboard's own settings. The property names are a contract with operators' ConfigMaps and
 * Secrets (docs/architecture.md, "Configuration contract"): rename nothing without a migration note.
 */
@ConfigMapping(prefix = "switchboard")
public interface SwitchboardConfig {

  /** Prefix of every Redis key Switchboard writes. Defaults to {@code sb} */
  @WithDefault("sb")
  String keyPrefix();

  /**
   * Name of this replica, used as its Redis Streams consumer name; must differ between replicas.
   * Kubernetes passes the pod name. Defaults to the host name.
   */
  @WithDefault("${POD_NAME:${HOSTNAME:switchboard}}")
  String instanceId();

  /** Meta webhook intake */
  Webhook webhook();

  /** WhatsApp Cloud (Graph) API client */
  Graph graph();

  /** Tenants by id: their WhatsApp numbers, tokens and limits */
  Map<String, Tenant> tenants();

  /** The tenant registry in Redis: tenants created at run time through the admin API */
  TenantRegistryConfig tenantRegistry();

  /** Keys that encrypt secrets stored in Redis (the tenants' Graph access tokens) */
  SecretsConfig secrets();

  /** Admin API */
  Admin admin();

  /** Outbound send path */
  Send send();

  /** Scheduled maintenance */
  Maintenance maintenance();


  /** Booking reminders: delayed WhatsApp template messages */
  ReminderSettings reminders();

  /** Cache layer */
  Cache cache();

  /** Health reporting */
  Health health();

  /** Queue housekeeping timers (per-queue behaviour is set on each channel, see README "Queues") */
  Queue queue();

  /** Dev mode conveniences; ignored in production */
  Dev dev();

  interface Webhook {
    /**
     * Token Meta echoes in the GET verification handshake. Required: {@link StartupCheck} refuses to start without it
     * (optional here so that its message, naming every missing setting, comes before the mapping's own error).
     */
    Optional<String> verifyToken();

    /** App secret(s) that sign deliveries (X-Hub-Signature-256); several during a rotation. Required, as {@link #verifyToken()}. */
    Optional<List<String>> appSecrets();

    /**
     * Largest accepted delivery body. Meta documents deliveries of up to 3 MB, and retries a refused one for days,
     * so the default admits them all (a 1M limit would drop the largest batches). Defaults to {@code 3M}
     */
    @WithDefault("3M")
    MemorySize maxBodySize();

    /**
     * How long intake waits for Redis to acknowledge the enqueue before answering 503 (Meta then retries).
     * Defaults to {@code 2s}
     */
    @WithDefault("2s")
    Duration enqueueTimeout();

    /**
     * What to do with a correctly signed JSON body whose {@code object} is not {@code whatsapp_business_account}:
     * {@code ignore} (answer 200, count it, drop it) or {@code reject} (answer 400). Defaults to {@code ignore}
     */
    @WithDefault("ignore")
    WrongObject wrongObject();

    /** Handling of signed deliveries for another kind of object than a WhatsApp Business Account. */
    enum WrongObject {
      /** Answer 200 so Meta does not redeliver it for days; counted as {@code ignored}. */
      IGNORE,
      /** Answer 400; counted as {@code malformed}. */
      REJECT
    }
  }

  /** Inbound conversations: history, state and deduplication of webhook messages */
  Conversation conversation();

  interface Conversation {
    /** Messages kept in one customer's history (newest first). Defaults to {@code 100} */
    @WithDefault("100")
    int historySize();

    /** How long a conversation history lives after its last inbound message. Defaults to {@code 7d} */
    @WithDefault("7d")
    Duration historyTtl();

    /** How long a conversation's state (last inbound, unread count) lives after its last message. Defaults to {@code 24h} */
    @WithDefault("24h")
    Duration stateTtl();

    /** How long a message id is remembered to drop Meta's redeliveries (Meta retries for up to 7 days). Defaults to {@code 7d} */
    @WithDefault("7d")
    Duration dedupeTtl();

    /** Longest text preview kept in the conversation state. Defaults to {@code 120} */
    @WithDefault("120")
    int previewLength();
  }

  interface Graph {
    /** Base URL of the Graph API. Defaults to {@code https://graph.facebook.com} */
    @WithDefault("https://graph.facebook.com")
    String baseUrl();

    /** Graph API version path segment. Defaults to {@code v25.0} */
    @WithDefault("v25.0")
    String version();

    /** Timeout of one Graph API call. Defaults to {@code 10s} */
    @WithDefault("10s")
    Duration timeout();

    /** Connections to the Graph API kept open per replica. Defaults to {@code 100} */
    @WithDefault("100")
    int maxConnections();
  }

  interface Tenant {
    /** The tenant's WhatsApp phone-number id (the sender). */
    Optional<String> phoneNumberId();

    /** The tenant's WhatsApp Business Account id. */
    Optional<String> wabaId();

    /** Graph API access token used to send for the tenant. */
    Optional<String> accessToken();

    /** Bearer token the tenant presents on our API (kept as a hash in memory, compared in constant time). */
    Optional<String> apiToken();

    /** Human-readable name, for logs and the dashboard. */
    Optional<String> displayName();

    /** Sends per second allowed for the tenant's number. Defaults to {@code 80} */
    @WithDefault("80")
    int rateLimit();

    /** Send jobs of the tenant in flight at once, across all replicas. Defaults to {@code 5} */
    @WithDefault("5")
    int maxConcurrency();

    /** Send API requests per second the tenant may make, overriding {@code switchboard.send.api-rate-limit}. */
    Optional<Integer> apiRateLimit();

    /** The tenant's own defaults for its booking reminders, overriding {@code switchboard.reminders.template.*}. */
    ReminderSettings.OfTenant reminders();
  }

  interface Admin {
    /** Bearer token for {@code /admin/**}; the admin API refuses every call while it is unset. */
    Optional<String> token();
  }

  interface Send {
    /** Queue sends (true) or call the Graph API directly (false, the rollback switch). Defaults to {@code true} */
    @WithDefault("true")
    boolean queueEnabled();

    /** How long an {@code Idempotency-Key} is remembered (same key and body: the same job). Defaults to {@code 24h} */
    @WithDefault("24h")
    Duration idempotencyTtl();

    /**
     * Send API requests per second per tenant (a 1-second window across all replicas); 0 turns the limit off.
     * Defaults to {@code 1000}
     */
    @WithDefault("1000")
    int apiRateLimit();

    /**
     * Safety margin of the per-number rate limiter: sends of one number are spaced {@code (1 s + margin) / rate}
     * apart, and a permit used later than half the margin after its slot is not used, so jitter between the
     * permit and the Graph API never puts more than {@code rate} sends in any 1-second window. Defaults to {@code 40ms}
     */
    @WithDefault("40ms")
    Duration rateLimitMargin();

    /**
     * Longest wait a send reserves at the rate limiter at once; beyond it the send waits that long and asks again.
     * Defaults to {@code 2s}
     */
    @WithDefault("2s")
    Duration maxPermitWait();

    /** How long a number pauses after Graph answers 130429 (throughput reached) without a Retry-After. Defaults to {@code 1s} */
    @WithDefault("1s")
    Duration throughputPause();

    /** Retry delay after 80007, 4 or 131057 (WABA, app or maintenance limits) without a Retry-After. Defaults to {@code 60s} */
    @WithDefault("60s")
    Duration slowRetry();

    /** How often a replica re-reads the runtime queue-enabled flag from Redis. Defaults to {@code 1s} */
    @WithDefault("1s")
    Duration flagRefresh();
  }

  interface Maintenance {
    /** Daily maintenance schedule (Quartz cron). Defaults to {@code 0 0 2 * * ?} */
    @WithDefault("0 0 2 * * ?")
    String dailyCron();

    /** Weekly deep cleanup schedule (Quartz cron). Defaults to {@code 0 0 3 ? * SUN} */
    @WithDefault("0 0 3 ? * SUN")
    String weeklyCron();

    /** Time zone of both crons. Defaults to {@code UTC} */
    @WithDefault("UTC")
    String timeZone();

    /** Whether the daily maintenance runs on its schedule. Defaults to {@code true} */
    @WithDefault("true")
    boolean dailyEnabled();

    /** Whether the weekly deep cleanup runs on its schedule. Defaults to {@code true} */
    @WithDefault("true")
    boolean weeklyEnabled();

    /** User states last updated longer ago are cleared by the daily run. Defaults to {@code 24h} */
    @WithDefault("24h")
    Duration dailyAge();

    /** States and finished jobs older than this are cleared by the weekly run. Defaults to {@code 7d} */
    @WithDefault("7d")
    Duration weeklyAge();

    /**
     * Lease of the lock that lets one replica run a job; renewed at a third of it while the job runs, so a replica that
     * dies mid-run frees the job after at most this long. Defaults to {@code 60s}
     */
    @WithDefault("60s")
    Duration lockLease();

    /** How often each replica reads the shared maintenance records into its gauges. Defaults to {@code 60s} */
    @WithDefault("60s")
    Duration recordRefresh();
  }

  interface Cache {
    /**
     * TTL per cache namespace (dashboard-stats, salon, template, conversation, user-state, default, ...); a namespace
     * without one uses {@code default}. {@code 0s} keeps entries until they are deleted or evicted.
     */
    @WithName("ttl")
    Map<String, Duration> ttls();

    /**
     * How long an entry is kept past its TTL to be served stale when its loader fails or is slow (fail-safe), per
     * namespace; a namespace without one uses {@code default}, and {@code 0s} turns fail-safe off for it.
     */
    @WithName("grace")
    Map<String, Duration> graces();

    /** Namespaces that also keep entries in the in-process level of each replica. Defaults to {@code flag,auth} */
    @WithDefault("flag,auth")
    List<String> localNamespaces();

    /** Entries kept by the in-process level. Defaults to {@code 10000} */
    @WithDefault("10000")
    int localMaxEntries();

    /** Longest life of an in-process entry, whatever its TTL: the bound on staleness if an eviction is lost. Defaults to {@code 60s} */
    @WithDefault("60s")
    Duration localTtl();

    /** Entries kept by the in-memory fallback while Redis is unreachable. Defaults to {@code 1000} */
    @WithDefault("1000")
    int fallbackMaxEntries();

    /** Longest wait for one cache Redis command; past it the call is answered without Redis. Defaults to {@code 250ms} */
    @WithDefault("250ms")
    Duration redisTimeout();

    /** Longest pause between two attempts to reach Redis again during an outage. Defaults to {@code 2s} */
    @WithDefault("2s")
    Duration reconnectMaxBackoff();

    /** With a stale value at hand, how long getOrSet waits for its loader before serving the stale value. Defaults to {@code 1s} */
    @WithDefault("1s")
    Duration softTimeout();

    /** Longest a loader may run; then the call fails (or serves a stale value). Defaults to {@code 10s} */
    @WithDefault("10s")
    Duration hardTimeout();

    /** Cross-replica stampede protection */
    Lock lock();

    /** Template cache */
    Template template();

    interface Lock {
      /** Lease of the lock one replica holds while it loads a key; a holder that dies frees it after this. Defaults to {@code 2s} */
      @WithDefault("2s")
      Duration lease();

      /** Longest wait for another replica's load before loading anyway. Defaults to {@code 3s} */
      @WithDefault("3s")
      Duration maxWait();

      /** How often a waiting replica looks for the value. Defaults to {@code 20ms} */
      @WithDefault("20ms")
      Duration pollInterval();
    }

    interface Template {
      /** Length of the sliding window of the template-cache figures and the miss-spike alert. Defaults to {@code 5m} */
      @WithDefault("5m")
      Duration window();

      /** Template-cache events kept for inspection (the newest ones). Defaults to {@code 10000} */
      @WithDefault("10000")
      int maxEvents();

      /** Keys with their own figures; further keys are counted together under {@code (other)}. Defaults to {@code 1000} */
      @WithDefault("1000")
      int maxKeys();

      /** Miss share in the window above which the miss-spike alert fires. Defaults to {@code 0.5} */
      @WithDefault("0.5")
      double spikeMissRate();

      /** Requests in the window below which no miss spike is reported. Defaults to {@code 20} */
      @WithDefault("20")
      int spikeMinRequests();
    }
  }

  interface Health {
    /** How long a Redis PING may take before Redis counts as down. Defaults to {@code 1s} */
    @WithDefault("1s")
    Duration redisTimeout();

    /** How often the Redis gauges (switchboard_redis_up, memory used and max) are refreshed. Defaults to {@code 15s} */
    @WithDefault("15s")
    Duration redisGaugeInterval();
  }

  interface Queue {
    /**
     * Whether this process consumes queue jobs. The CLI turns it off, so a command run in a pod never takes a job.
     * Defaults to {@code true}
     */
    @WithDefault("true")
    boolean consumersEnabled();

    /** How often finished jobs past their retention age are dropped from the listings. Defaults to {@code 60s} */
    @WithDefault("60s")
    Duration retentionInterval();

    /** How often the per-state job gauges are refreshed from Redis. Defaults to {@code 5s} */
    @WithDefault("5s")
    Duration gaugeInterval();
  }

  interface Dev {
    /** Start a private Redis in dev mode when no Redis URL was given. Defaults to {@code true} */
    @WithDefault("true")
    boolean embeddedRedis();

    /** Port of that private Redis. Defaults to {@code 6390} */
    @WithDefault("6390")
    int embeddedRedisPort();
  }
}
