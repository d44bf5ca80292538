package dev.switchboard.queue.connector;

import dev.switchboard.queue.redis.QueueKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The blocking read an idle channel waits in: XREAD BLOCK over the queue's bands, after the newest entries the last
 * fetch saw, on the queue-reader client (its own connections, so a long block never holds one the request path
 * needs; never on the event loop). It ends when a band gets a new entry or the block time is up. All bands are keys
 * of one queue, so of one hash slot: one node of a cluster answers it.
 */
final class WakeUpRead {

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
    return this.reader.execute("XREAD", args);
  }
}
