package dev.switchboard.queue.connector;

import java.time.Duration;

import dev.switchboard.queue.redis.QueueKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The blocking read an idle channel waits in: XREAD BLOCK over the queue's bands, after the newest entries the last
 * fetch saw, on the queue-reader client (its own connections, so a long block never holds one the request path
 * needs; never on the event loop). It ends when a band gets a new entry or the block time is up. All bands are keys
 * of one queue, so of one hash slot: one node of a cluster answers it. A read that gets no answer at all within its
 * block time and as long again (at least {@link #MIN_GRACE}) fails with {@link Overdue}: the node is hung or cut off behind a connection that
 * stays open (nothing else would end the wait, since the reactive client has no command timeout).
 */
final class WakeUpRead {

  /**
   * How long past its block time a wake-up read may take to answer, at least: as long again as the block time, so a
   * read that waited for a pooled connection on a loaded machine is not taken for a hung Redis.
   */
  static final Duration MIN_GRACE = Duration.ofSeconds(1);

  private final ReactiveRedisDataSource reader;
  private final ChannelSettings settings;

  WakeUpRead(ReactiveRedisDataSource reader, ChannelSettings settings) {
    this.reader = reader;
    this.settings = settings;
  }

  /** @param lastIds the newest entry id per band, 10 down to 0, as fetch.lua answers when it found nothing */
  Uni<Response> after(Response lastIds) {
    String[] args = new String[3 + 2 * QueueKeys.BANDS];
    args[0] = "BLOCK";
    args[1] = Long.toString(this.settings.blockTime().toMillis());
    args[2] = "STREAMS";
    for (int band = 0; band < QueueKeys.BANDS; band++) {
      args[3 + band] = this.settings.keys().stream(10 - band);
      args[3 + QueueKeys.BANDS + band] = lastIds.get(band).toString();
    }
    Duration block = this.settings.blockTime();
    Duration limit = block.plus(block.compareTo(MIN_GRACE) > 0 ? block : MIN_GRACE);
    return this.reader.execute("XREAD", args).ifNoItem().after(limit)
        .failWith(() -> new Overdue("the wake-up read (XREAD BLOCK " + args[1] + ") got no answer within " + limit.toMillis() + " ms"));
  }

  /** The wake-up read got no answer, neither jobs nor the end of its block time. */
  static final class Overdue extends RuntimeException {
    Overdue(String message) {
      super(message, null, false, false);
    }
  }
}
