package dev.switchboard.queue.connector;

import dev.switchboard.queue.QueueMetrics;
import dev.switchboard.queue.redis.QueueScripts;
import dev.switchboard.queue.redis.ReclaimArgs;
import io.quarkus.logging.Log;
import io.vertx.mutiny.redis.client.Response;

/**
 * Takes over deliveries whose consumer stopped acknowledging and extending them: entries idle in the consumer group for
 * longer than the visibility timeout (XAUTOCLAIM in reclaim.lua), as many as this channel has idle copies for. Each is
 * a new attempt; one that stalled on its last attempt goes dead instead.
 */
final class Reclaimer implements Runnable {

  private final RedisStreamsIncomingChannel channel;
  private final ChannelSettings settings;
  private final QueueScripts scripts;
  private final QueueMetrics metrics;

  Reclaimer(RedisStreamsIncomingChannel channel, QueueScripts scripts, QueueMetrics metrics) {
    this.channel = channel;
    this.settings = channel.settings();
    this.scripts = scripts;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    int capacity = this.channel.idleCopies();
    if (capacity <= 0) {
      return;
    }
    long now = System.currentTimeMillis();
    this.scripts.run(new ReclaimArgs(this.settings.keys()).consumer(this.settings.consumer()).minIdle(this.settings.visibilityTimeout().toMillis())
        .count(capacity).now(now).retention(this.settings.queue().retentionFailedCount(), this.settings.queue().retentionFailedAge().toMillis())
        .defaultGroupLimit(this.settings.queue().groupConcurrency()))
        .subscribe().with(jobs -> this.channel.runOnContext(() -> {
          int stalled = stalledAmong(jobs);
          if (stalled > 0) {
            Log.infof("Queue '%s': reclaimed %d job(s) from a consumer that stopped responding", this.settings.queueName(), stalled);
            this.metrics.reclaimed(this.settings.queueName(), stalled);
          }
          if (jobs.size() > 0) {
            this.channel.accept(jobs, now);
            this.channel.pump();
          }
        }), failure -> Log.debugf("Queue '%s': reclaim failed (%s)", this.settings.queueName(), failure.getMessage()));
  }

  /** Jobs given back unstarted by a consumer that stopped cleanly (flag 1 in reclaim.lua's answer) are no stall. */
  private static int stalledAmong(Response jobs) {
    int stalled = 0;
    for (Response job : jobs) {
      if (job.size() < 9 || job.get(8).toInteger() == 0) {
        stalled++;
      }
    }
    return stalled;
  }
}
