package dev.switchboard.cache.template;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.switchboard.config.SwitchboardConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Hit, miss and creation figures of the template cache: exact counts overall and per key (the first
 * {@code template.max-keys} keys; later ones together as {@code (other)}), exact counts of the sliding window, the
 * newest {@code template.max-events} events, and the miss-spike alert: more than {@code spike-miss-rate} of the
 * window's lookups missed, with at least {@code spike-min-requests} of them. The alert is logged once per window
 * length while it lasts and shown as {@code switchboard_template_cache_miss_spike} (1 while it lasts).
 * Memory is fixed at construction.
 */
public final class TemplateMetrics {

  static final String OTHER_KEY = "(other)";

  private final LongSupplier clock;
  private final double spikeRate;
  private final int spikeMinRequests;
  private final long windowMillis;
  private final EventLog log;
  private final WindowCounts window;
  private final Map<String, Integer> keyIds = new HashMap<>();
  private final String[] keyNames;
  private final KeyCounts[] perKey;
  private final long[] totals = new long[TemplateEvent.Kind.values().length];
  private final Counter[] counters = new Counter[TemplateEvent.Kind.values().length];
  private final Counter alerts;
  private long lastAlertAt = Long.MIN_VALUE;

  public TemplateMetrics(SwitchboardConfig.Cache.Template settings, MeterRegistry registry, LongSupplier clock) {
    this.clock = clock;
    this.spikeRate = settings.spikeMissRate();
    this.spikeMinRequests = settings.spikeMinRequests();
    this.windowMillis = settings.window().toMillis();
    this.log = new EventLog(settings.maxEvents());
    this.window = new WindowCounts((int) Math.max(1, settings.window().toSeconds()));
    this.keyNames = new String[settings.maxKeys() + 1];
    this.keyNames[settings.maxKeys()] = OTHER_KEY;
    this.perKey = new KeyCounts[settings.maxKeys() + 1];
    this.counters[TemplateEvent.Kind.HIT.ordinal()] = requests(registry, "hit");
    this.counters[TemplateEvent.Kind.MISS.ordinal()] = requests(registry, "miss");
    this.counters[TemplateEvent.Kind.CREATION.ordinal()] = Counter.builder("switchboard.template.cache.creations")
        .description("Templates created by a getOrCreate creator").register(registry);
    this.alerts = Counter.builder("switchboard.template.cache.miss.spike.alerts").description("Miss spikes logged (once per window)")
        .register(registry);
    Gauge.builder("switchboard.template.cache.miss.spike", this, metrics -> metrics.window().missSpike() ? 1 : 0).strongReference(true)
        .description("1 while more than the spike rate of the window's lookups miss").register(registry);
    Gauge.builder("switchboard.template.cache.window.requests", this, metrics -> metrics.window().totalRequests()).strongReference(true)
        .description("Template lookups in the sliding window").register(registry);
    Gauge.builder("switchboard.template.cache.window.miss.ratio", this, metrics -> metrics.window().missRate()).strongReference(true)
        .description("Share of the window's lookups that missed").register(registry);
  }

  /** Counts one event of the key; hash, template id and source (when known) become the key's metadata. */
  public synchronized void record(String key, TemplateEvent.Kind kind, String hash, String templateId, String source) {
    long now = this.clock.getAsLong();
    int id = idOf(key);
    KeyCounts counts = this.perKey[id];
    counts.add(kind, now, hash, templateId, source);
    this.totals[kind.ordinal()]++;
    this.counters[kind.ordinal()].increment();
    this.log.add(now, id, kind);
    this.window.add(now, kind);
    if (kind == TemplateEvent.Kind.MISS) {
      alertOnSpike(now);
    }
  }

  public synchronized TemplateFigures.Runtime runtime() {
    Map<String, TemplateFigures.ByKey> byKey = new LinkedHashMap<>();
    for (int id = 0; id < this.keyNames.length; id++) {
      if (this.perKey[id] != null) {
        byKey.put(this.keyNames[id], this.perKey[id].figures());
      }
    }
    long hits = this.totals[TemplateEvent.Kind.HIT.ordinal()];
    long misses = this.totals[TemplateEvent.Kind.MISS.ordinal()];
    return new TemplateFigures.Runtime(hits, misses, this.totals[TemplateEvent.Kind.CREATION.ordinal()], TemplateFigures.rate(hits, hits + misses),
        TemplateFigures.rate(misses, hits + misses), hits + misses, byKey);
  }

  public synchronized TemplateFigures.Window window() {
    long[] counts = this.window.totals(this.clock.getAsLong());
    long hits = counts[TemplateEvent.Kind.HIT.ordinal()];
    long misses = counts[TemplateEvent.Kind.MISS.ordinal()];
    return new TemplateFigures.Window(this.window.seconds(), hits, misses, counts[TemplateEvent.Kind.CREATION.ordinal()],
        TemplateFigures.rate(hits, hits + misses), TemplateFigures.rate(misses, hits + misses), hits + misses, isSpike(hits, misses),
        (long) this.alerts.count());
  }

  /** The newest events, newest first. */
  public synchronized List<TemplateEvent> recentEvents(int limit) {
    return this.log.newest(limit, this.keyNames);
  }

  public synchronized int eventCount() {
    return this.log.size();
  }

  /** Bytes the event log takes (fixed: its capacity times {@value EventLog#BYTES_PER_EVENT}). */
  public long eventLogBytes() {
    return this.log.bytes();
  }

  private void alertOnSpike(long now) {
    long[] counts = this.window.totals(now);
    long hits = counts[TemplateEvent.Kind.HIT.ordinal()];
    long misses = counts[TemplateEvent.Kind.MISS.ordinal()];
    if (isSpike(hits, misses) && (this.lastAlertAt == Long.MIN_VALUE || now - this.lastAlertAt >= this.windowMillis)) {
      this.lastAlertAt = now;
      this.alerts.increment();
      Log.warnf("Template cache miss spike: %d of the last %d s's %d lookups missed (over %.0f%%); templates are being recreated",
          misses, this.window.seconds(), hits + misses, this.spikeRate * 100);
    }
  }

  private boolean isSpike(long hits, long misses) {
    long total = hits + misses;
    return total >= this.spikeMinRequests && misses > this.spikeRate * total;
  }

  private int idOf(String key) {
    Integer id = this.keyIds.get(key);
    if (id == null) {
      int other = this.keyNames.length - 1;
      id = this.keyIds.size() < other ? this.keyIds.size() : other;
      if (id < other) {
        this.keyIds.put(key, id);
        this.keyNames[id] = key;
      }
    }
    if (this.perKey[id] == null) {
      this.perKey[id] = new KeyCounts();
    }
    return id;
  }

  private static Counter requests(MeterRegistry registry, String outcome) {
    return Counter.builder("switchboard.template.cache.requests").tag("outcome", outcome).description("Template lookups by outcome")
        .register(registry);
  }

  /** One key's counts and last metadata. */
  private static final class KeyCounts {
    private final long[] counts = new long[TemplateEvent.Kind.values().length];
    private String hash;
    private String templateId;
    private String source;
    private long lastSeenAt;

    void add(TemplateEvent.Kind kind, long at, String hash, String templateId, String source) {
      this.counts[kind.ordinal()]++;
      this.lastSeenAt = at;
      this.hash = hash != null ? hash : this.hash;
      this.templateId = templateId != null ? templateId : this.templateId;
      this.source = source != null ? source : this.source;
    }

    TemplateFigures.ByKey figures() {
      long hits = this.counts[TemplateEvent.Kind.HIT.ordinal()];
      long misses = this.counts[TemplateEvent.Kind.MISS.ordinal()];
      return new TemplateFigures.ByKey(hits, misses, this.counts[TemplateEvent.Kind.CREATION.ordinal()], TemplateFigures.rate(hits, hits + misses),
          TemplateFigures.rate(misses, hits + misses), hits + misses, this.hash, this.templateId, this.source, Instant.ofEpochMilli(this.lastSeenAt));
    }
  }
}
