package dev.switchboard.cache.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

/** What the user-state store promises, checked on Redis and on the fallback (the subclasses). */
abstract class UserStateContract {

  static final Duration WAIT = Duration.ofSeconds(20);

  @Inject
  UserStateStore states;

  @Test
  void shouldKeepAStatePerTenantAndPhone() {
    String phone = newPhone();
    this.states.set("acme", "+" + phone, new Booking("haircut", 2)).await().atMost(WAIT);
    this.states.set("globex", phone, new Booking("pizza", 1)).await().atMost(WAIT);

    UserState<Booking> acme = this.states.get("acme", phone, Booking.class).await().atMost(WAIT).orElseThrow();
    assertThat(acme.data()).isEqualTo(new Booking("haircut", 2));
    assertThat(acme.phone()).isEqualTo(phone);
    assertThat(acme.updatedAt()).isBetween(Instant.now().minusSeconds(10), Instant.now());
    assertThat(this.states.get("globex", "+" + phone, Booking.class).await().atMost(WAIT).orElseThrow().data().item()).isEqualTo("pizza");
    assertThat(this.states.get("initech", phone, Booking.class).await().atMost(WAIT)).isEmpty();
  }

  @Test
  void shouldClearOneUserForOneTenantOrForEveryTenant() {
    String phone = newPhone();
    String other = newPhone();
    for (String tenant : List.of("acme", "globex", "initech")) {
      this.states.set(tenant, phone, new Booking("x", 1)).await().atMost(WAIT);
    }
    this.states.set("acme", other, new Booking("kept", 1)).await().atMost(WAIT);
    long before = this.states.count().await().atMost(WAIT);

    assertThat(this.states.clearUser("initech", phone).await().atMost(WAIT)).isEqualTo(1);
    assertThat(this.states.clearUser("initech", phone).await().atMost(WAIT)).isZero();
    assertThat(this.states.clearUser("+" + phone).await().atMost(WAIT)).isEqualTo(2);

    assertThat(this.states.get("acme", phone, Booking.class).await().atMost(WAIT)).isEmpty();
    assertThat(this.states.get("globex", phone, Booking.class).await().atMost(WAIT)).isEmpty();
    assertThat(this.states.get("acme", other, Booking.class).await().atMost(WAIT)).isPresent();
    assertThat(this.states.count().await().atMost(WAIT)).isEqualTo(before - 3);
  }

  @Test
  void shouldClearExactlyTheStatesOlderThanTheGivenHours() {
    this.states.clearOlderThan(24).await().atMost(WAIT);
    Instant now = Instant.now();
    List<String> old = new ArrayList<>();
    List<String> young = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String phone = newPhone();
      // 24 h + 1 min up to 6 days ago
      this.states.importState("acme", phone, new Booking("old", i), now.minus(Duration.ofHours(24).plusMinutes(1 + i * 350L)))
          .await().atMost(WAIT);
      old.add(phone);
    }
    for (int i = 0; i < 20; i++) {
      String phone = newPhone();
      // now up to 23 h 59 min ago
      this.states.importState("globex", phone, new Booking("young", i), now.minus(Duration.ofMinutes(i * 75L + (i == 19 ? 14 : 0))))
          .await().atMost(WAIT);
      young.add(phone);
    }
    // older than the TTL (a week): already gone, so not stored at all
    this.states.importState("acme", newPhone(), new Booking("expired", 0), now.minus(Duration.ofDays(8))).await().atMost(WAIT);
    long before = this.states.count().await().atMost(WAIT);

    assertThat(this.states.clearOlderThan(24).await().atMost(WAIT)).isEqualTo(20);

    for (String phone : old) {
      assertThat(this.states.get("acme", phone, Booking.class).await().atMost(WAIT)).isEmpty();
    }
    for (String phone : young) {
      assertThat(this.states.get("globex", phone, Booking.class).await().atMost(WAIT)).isPresent();
    }
    assertThat(this.states.count().await().atMost(WAIT)).isEqualTo(before - 20);
    assertThat(this.states.clearOlderThan(24).await().atMost(WAIT)).isZero();
  }

  static String newPhone() {
    return "4917" + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L);
  }

  public record Booking(String item, int step) {
  }
}
