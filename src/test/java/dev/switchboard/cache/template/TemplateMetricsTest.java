package dev.switchboard.cache.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.switchboard.config.SwitchboardConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Template-cache figures on a clock the test moves: exact counts, a bounded event log, the miss-spike alert. */
class TemplateMetricsTest {

  final AtomicLong clock = new AtomicLong(1_767_225_600_000L);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void shouldCountTwentyThousandEventsExactlyWithAFixedEventLog() {
    TemplateMetrics metrics = new TemplateMetrics(settings(30), this.registry, this.clock::get);
    long bytesBefore = metrics.eventLogBytes();
    long[] expected = new long[3];
    Map<String, long[]> expectedByKey = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      String key = i % 40 < 30 ? "k" + (i % 40) : "(other)";
      TemplateEvent.Kind kind = i % 4 == 0 ? TemplateEvent.Kind.MISS : i % 8 == 1 ? TemplateEvent.Kind.CREATION : TemplateEvent.Kind.HIT;
      metrics.record("k" + (i % 40), kind, "h" + (i % 40), "tpl-" + (i % 40), "graph");
      expected[kind.ordinal()]++;
      expectedByKey.computeIfAbsent(key, k -> new long[3])[kind.ordinal()]++;
      this.clock.addAndGet(10);
    }

    TemplateFigures.Runtime runtime = metrics.runtime();
    long hits = expected[TemplateEvent.Kind.HIT.ordinal()];
    long misses = expected[TemplateEvent.Kind.MISS.ordinal()];
    assertThat(runtime.hits()).isEqualTo(hits);
    assertThat(runtime.misses()).isEqualTo(misses);
    assertThat(runtime.creations()).isEqualTo(expected[TemplateEvent.Kind.CREATION.ordinal()]);
    assertThat(runtime.totalRequests()).isEqualTo(hits + misses);
    assertThat(runtime.hitRate()).isEqualTo(Math.round(10_000.0 * hits / (hits + misses)) / 10_000.0);
    assertThat(runtime.byKey()).hasSize(31);
    expectedByKey.forEach((key, counts) -> {
      TemplateFigures.ByKey figures = runtime.byKey().get(key);
      assertThat(figures.hits()).as(key).isEqualTo(counts[TemplateEvent.Kind.HIT.ordinal()]);
      assertThat(figures.misses()).as(key).isEqualTo(counts[TemplateEvent.Kind.MISS.ordinal()]);
      assertThat(figures.creations()).as(key).isEqualTo(counts[TemplateEvent.Kind.CREATION.ordinal()]);
    });
    assertThat(runtime.byKey().get("k7").templateId()).isEqualTo("tpl-7");
    assertThat(runtime.byKey().get("k7").hash()).isEqualTo("h7");
    // all 20,000 within the last 200 s: the window holds them all
    TemplateFigures.Window window = metrics.window();
    assertThat(window.hits()).isEqualTo(hits);
    assertThat(window.misses()).isEqualTo(misses);
    assertThat(window.creations()).isEqualTo(expected[TemplateEvent.Kind.CREATION.ordinal()]);
    // the log keeps the newest 10,000, in arrays sized once
    assertThat(metrics.eventCount()).isEqualTo(10_000);
    assertThat(metrics.eventLogBytes()).isEqualTo(bytesBefore).isEqualTo(130_000);
    TemplateEvent newest = metrics.recentEvents(1).get(0);
    // i = 19,999 is k39, one of the keys past the first 30: counted under (other)
    assertThat(newest.key()).isEqualTo("(other)");
    assertThat(newest.at().toEpochMilli()).isEqualTo(this.clock.get() - 10);
    assertThat(this.registry.get("switchboard.template.cache.requests").tag("outcome", "hit").counter().count()).isEqualTo(hits);
    assertThat(this.registry.get("switchboard.template.cache.creations").counter().count())
        .isEqualTo(expected[TemplateEvent.Kind.CREATION.ordinal()]);
  }

  @Test
  void shouldForgetEventsOlderThanTheWindow() {
    TemplateMetrics metrics = new TemplateMetrics(settings(100), this.registry, this.clock::get);
    for (int i = 0; i < 50; i++) {
      metrics.record("welcome", TemplateEvent.Kind.HIT, "h", "t", "s");
    }
    this.clock.addAndGet(Duration.ofSeconds(299).toMillis());
    metrics.record("welcome", TemplateEvent.Kind.MISS, "h", "t", "s");
    assertThat(metrics.window().totalRequests()).isEqualTo(51);

    this.clock.addAndGet(Duration.ofSeconds(2).toMillis());

    assertThat(metrics.window().totalRequests()).isEqualTo(1);
    assertThat(metrics.window().misses()).isEqualTo(1);
    assertThat(metrics.runtime().totalRequests()).isEqualTo(51);
  }

  @Test
  void shouldRaiseTheMissSpikeOncePerWindowWithEnoughRequests() {
    TemplateMetrics metrics = new TemplateMetrics(settings(100), this.registry, this.clock::get);
    for (int i = 0; i < 19; i++) {
      metrics.record("reminder", TemplateEvent.Kind.MISS, "h", null, null);
    }
    // 19 lookups, all missed: too few to call it a spike
    assertThat(metrics.window().missSpike()).isFalse();
    assertThat(spikeGauge()).isZero();

    metrics.record("reminder", TemplateEvent.Kind.MISS, "h", null, null);
    assertThat(metrics.window().missSpike()).isTrue();
    assertThat(metrics.window().missSpikeAlerts()).isEqualTo(1);
    assertThat(spikeGauge()).isEqualTo(1);
    for (int i = 0; i < 100; i++) {
      metrics.record("reminder", TemplateEvent.Kind.MISS, "h", null, null);
    }
    assertThat(metrics.window().missSpikeAlerts()).isEqualTo(1);

    // hits bring the share of misses down to half: no spike (it takes more than half)
    for (int i = 0; i < 120; i++) {
      metrics.record("reminder", TemplateEvent.Kind.HIT, "h", null, null);
    }
    assertThat(metrics.window().missSpike()).isFalse();
    assertThat(spikeGauge()).isZero();

    // the next window's spike is logged again
    this.clock.addAndGet(Duration.ofMinutes(5).toMillis() + 1000);
    for (int i = 0; i < 20; i++) {
      metrics.record("reminder", TemplateEvent.Kind.MISS, "h", null, null);
    }
    assertThat(metrics.window().missSpikeAlerts()).isEqualTo(2);
    assertThat(this.registry.get("switchboard.template.cache.miss.spike.alerts").counter().count()).isEqualTo(2);
  }

  private double spikeGauge() {
    return this.registry.get("switchboard.template.cache.miss.spike").gauge().value();
  }

  static SwitchboardConfig.Cache.Template settings(int maxKeys) {
    return new SwitchboardConfig.Cache.Template() {
      @Override
      public Duration window() {
        return Duration.ofMinutes(5);
      }

      @Override
      public int maxEvents() {
        return 10_000;
      }

      @Override
      public int maxKeys() {
        return maxKeys;
      }

      @Override
      public double spikeMissRate() {
        return 0.5;
      }

      @Override
      public int spikeMinRequests() {
        return 20;
      }
    };
  }
}
