package dev.switchboard.queue.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.queue.redis.QueueKeys;

/** The rotation behind the starvation bound: every band is served first once in any EVERY * BANDS consecutive takes. */
class FairBandsTest {

  @Test
  void shouldServeEveryBandOnceInEveryWindowOfEveryTimesBandsTakes() {
    FairBands fair = new FairBands();
    int window = FairBands.EVERY * QueueKeys.BANDS;
    List<Integer> takes = new ArrayList<>();
    for (int i = 0; i < 5 * window; i++) {
      takes.add(fair.next());
    }
    for (int start = 0; start + window <= takes.size(); start += 7) {
      List<Integer> slice = takes.subList(start, start + window);
      for (int band = 0; band < QueueKeys.BANDS; band++) {
        assertThat(slice).as("band %d in takes %d..%d", band, start, start + window).containsOnlyOnce(band);
      }
      assertThat(slice.stream().filter(band -> band == -1)).hasSize(window - QueueKeys.BANDS);
    }
  }
}
