package dev.switchboard.cache.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import dev.switchboard.cache.auth.AuthTokenCache;
import dev.switchboard.cache.auth.CachedPrincipal;
import dev.switchboard.cache.flag.FeatureFlags;
import dev.switchboard.cache.ratelimit.RateLimit;
import dev.switchboard.cache.ratelimit.RateLimiter;
import dev.switchboard.cache.session.SessionStore;
import dev.switchboard.cache.warm.CacheWarmer;
import dev.switchboard.cache.warm.WarmEntry;
import dev.switchboard.cache.warm.WarmReport;
import io.smallrye.mutiny.Uni;

/** What the helpers promise, checked once on Redis and once on the fallback (the subclasses). */
abstract class CacheHelpersContract {

  static final Duration WAIT = Duration.ofSeconds(10);

  @Inject
  RateLimiter limiter;

  @Inject
  SessionStore sessions;

  @Inject
  FeatureFlags flags;

  @Inject
  AuthTokenCache auth;

  @Inject
  CacheWarmer warmer;

  @Inject
  CacheService cache;

  @Test
  void shouldCountAFixedWindowAndRefuseOverItsLimit() {
    String subject = unique();
    Instant start = Instant.now();
    List<RateLimit> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      answers.add(this.limiter.fixedWindow("test", subject, 3, Duration.ofSeconds(30)).await().atMost(WAIT));
    }

    assertThat(answers).extracting(RateLimit::allowed).containsExactly(true, true, true, false, false);
    assertThat(answers).extracting(RateLimit::count).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(answers).extracting(RateLimit::remaining).containsExactly(2L, 1L, 0L, 0L, 0L);
    assertThat(answers.get(4).resetAt()).isAfter(start).isBefore(start.plusSeconds(31));
    this.limiter.reset("test", subject).await().atMost(WAIT);
    assertThat(this.limiter.fixedWindow("test", subject, 3, Duration.ofSeconds(30)).await().atMost(WAIT).count()).isEqualTo(1);
  }

  @Test
  void shouldAdmitASlidingWindowAgainWhenItsOldestCallLeaves() {
    String subject = unique();
    List<RateLimit> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(this.limiter.slidingWindow("test", subject, 3, Duration.ofMillis(800)).await().atMost(WAIT));
    }

    assertThat(answers).extracting(RateLimit::allowed).containsExactly(true, true, true, false);
    assertThat(answers).extracting(RateLimit::remaining).containsExactly(2L, 1L, 0L, 0L);
    RateLimit refused = answers.get(3);
    assertThat(refused.count()).isEqualTo(3);
    assertThat(refused.resetAt()).isBefore(Instant.now().plusMillis(801));
    await().atMost(WAIT).until(() -> this.limiter.slidingWindow("test", subject, 3, Duration.ofMillis(800)).await().atMost(WAIT).allowed());
  }

  @Test
  void shouldKeepTouchAndDeleteSessions() {
    String id = this.sessions.create(Map.of("user", "ana", "step", 2)).await().atMost(WAIT);
    assertThat(id).hasSizeGreaterThan(40);

    assertThat(this.sessions.get(id, Map.class).await().atMost(WAIT)).contains(Map.of("user", "ana", "step", 2));
    assertThat(this.sessions.touch(id).await().atMost(WAIT)).isTrue();
    this.sessions.set(id, Map.of("user", "ana", "step", 3)).await().atMost(WAIT);
    assertThat(this.sessions.get(id, Map.class).await().atMost(WAIT)).contains(Map.of("user", "ana", "step", 3));
    assertThat(this.sessions.delete(id).await().atMost(WAIT)).isTrue();
    assertThat(this.sessions.get(id, Map.class).await().atMost(WAIT)).isEmpty();
    assertThat(this.sessions.touch(id).await().atMost(WAIT)).isFalse();
    String brief = this.sessions.create("brief").await().atMost(WAIT);
    this.sessions.set(brief, "brief", Duration.ofMillis(100)).await().atMost(WAIT);
    await().atMost(WAIT).until(() -> this.sessions.get(brief, String.class).await().atMost(WAIT).isEmpty());
  }

  @Test
  void shouldSwitchFeatureFlags() {
    String flag = "flag-" + unique();
    assertThat(this.flags.isEnabled(flag, false).await().atMost(WAIT)).isFalse();
    assertThat(this.flags.isEnabled(flag, true).await().atMost(WAIT)).isTrue();

    this.flags.set(flag, true).await().atMost(WAIT);
    assertThat(this.flags.isEnabled(flag, false).await().atMost(WAIT)).isTrue();
    assertThat(this.flags.isEnabled(flag, false).await().atMost(WAIT)).isTrue();
    this.flags.set(flag, false).await().atMost(WAIT);
    assertThat(this.flags.isEnabled(flag, true).await().atMost(WAIT)).isFalse();
    assertThat(this.flags.clear(flag).await().atMost(WAIT)).isTrue();
    assertThat(this.flags.isEnabled(flag, true).await().atMost(WAIT)).isTrue();
  }

  @Test
  void shouldCacheTokensAndHonourRevocations() {
    String token = "token-" + unique();
    CachedPrincipal ana = new CachedPrincipal("ana", "acme", Set.of("admin"));
    AtomicInteger verifications = new AtomicInteger();

    for (int i = 0; i < 3; i++) {
      assertThat(this.auth.resolve(token, () -> {
        verifications.incrementAndGet();
        return Uni.createFrom().item(ana);
      }).await().atMost(WAIT)).contains(ana);
    }
    assertThat(verifications).hasValue(1);
    assertThat(this.auth.get(token).await().atMost(WAIT)).contains(ana);

    this.auth.revoke(token).await().atMost(WAIT);
    assertThat(this.auth.get(token).await().atMost(WAIT)).isEmpty();
    assertThat(this.auth.resolve(token, () -> {
      verifications.incrementAndGet();
      return Uni.createFrom().item(ana);
    }).await().atMost(WAIT)).isEmpty();
    assertThat(verifications).hasValue(1);

    String other = "token-" + unique();
    this.auth.put(other, ana, Duration.ofMillis(100)).await().atMost(WAIT);
    await().atMost(WAIT).until(() -> this.auth.get(other).await().atMost(WAIT).isEmpty());
  }

  @Test
  void shouldWarmEntriesOnDemand() {
    String missing = unique();
    AtomicInteger loads = new AtomicInteger();
    List<WarmEntry<?>> entries = List.of(
        new WarmEntry<>(CacheNamespaces.SALON, missing + "-a", String.class, () -> Uni.createFrom().item("a" + loads.incrementAndGet()), null),
        new WarmEntry<>(CacheNamespaces.SALON, missing + "-b", String.class, () -> Uni.createFrom().item("b" + loads.incrementAndGet()), null),
        new WarmEntry<>(CacheNamespaces.SALON, missing + "-c", String.class, () -> Uni.createFrom().failure(new IllegalStateException("down")), null));

    assertThat(this.warmer.warm(entries, false).await().atMost(WAIT)).isEqualTo(new WarmReport(3, 2, 0, 1));
    // a and b load side by side: either may count first
    assertThat(this.cache.get(CacheNamespaces.SALON, missing + "-a", String.class).await().atMost(WAIT)).hasValueSatisfying(
        value -> assertThat(value).isIn("a1", "a2"));
    assertThat(this.warmer.warm(entries, false).await().atMost(WAIT)).isEqualTo(new WarmReport(3, 0, 2, 1));
    assertThat(this.warmer.warm(entries, true).await().atMost(WAIT)).isEqualTo(new WarmReport(3, 2, 0, 1));
    assertThat(loads).hasValue(4);
  }

  static String unique() {
    return UUID.randomUUID().toString();
  }
}
