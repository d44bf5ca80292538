package dev.switchboard.cache.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.cache.OwnCacheRedis;
import dev.switchboard.testing.RespConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The user-state store on Redis: its keys and last-update index, and a cleanup that trusts the state over the index. */
@QuarkusTest
@TestProfile(OwnCacheRedis.class)
class UserStateTest extends UserStateContract {

  @Test
  void shouldIndexEachStateByItsLastUpdate() throws Exception {
    String phone = newPhone();
    this.states.set("acme", phone, new Booking("nails", 1)).await().atMost(WAIT);
    try (RespConnection redis = new RespConnection(OwnCacheRedis.Server.server().port())) {
      assertThat((String) redis.call("GET", "sb:cache:user-state:acme:" + phone)).contains("\"updatedAt\":");
      String score = (String) redis.call("ZSCORE", "sb:cache:user-state:_index", "acme:" + phone);
      assertThat(Long.parseLong(score)).isBetween(System.currentTimeMillis() - 10_000, System.currentTimeMillis());
    }
  }

  @Test
  void shouldKeepAStateUpdatedAfterItsIndexEntryWasWritten() throws Exception {
    String phone = newPhone();
    this.states.set("acme", phone, new Booking("fresh", 1)).await().atMost(WAIT);
    try (RespConnection redis = new RespConnection(OwnCacheRedis.Server.server().port())) {
      // the index says two days old (as if the update's ZADD had not landed yet): the state itself says now
      long twoDaysAgo = Instant.now().minusSeconds(2 * 86_400).toEpochMilli();
      redis.call(List.of("ZADD", "sb:cache:user-state:_index", Long.toString(twoDaysAgo), "acme:" + phone));

      this.states.clearOlderThan(24).await().atMost(WAIT);

      assertThat(this.states.get("acme", phone, Booking.class).await().atMost(WAIT)).isPresent();
      String score = (String) redis.call("ZSCORE", "sb:cache:user-state:_index", "acme:" + phone);
      assertThat(Long.parseLong(score)).isGreaterThan(twoDaysAgo);
    }
  }
}
