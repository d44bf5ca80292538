package dev.switchboard.queue.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.queue.QueueMetrics;
import dev.switchboard.queue.redis.QueueScripts;
import io.vertx.mutiny.core.Context;

/**
 * The background duties of one incoming channel, each on its own timer on the channel's context: the promoter (every
 * {@code promote-interval}), the reclaimer (half the visibility timeout, 200 ms to 5 s) and the lease keeper
 * (a third of the visibility timeout).
 */
final class ChannelDuties {

  private final Context context;
  private final List<Long> timers = new ArrayList<>();
  private volatile boolean stopped;

  ChannelDuties(Context context) {
    this.context = context;
  }

  void start(RedisStreamsIncomingChannel channel, QueueScripts scripts, QueueMetrics metrics) {
    ChannelSettings settings = channel.settings();
    every(settings.promoteInterval(), new Promoter(settings, scripts));
    every(settings.reclaimInterval(), new Reclaimer(channel, scripts, metrics));
    every(settings.visibilityTimeout().dividedBy(3), new LeaseKeeper(channel, scripts));
  }

  void stop() {
    this.stopped = true;
    this.context.runOnContext(() -> this.timers.forEach(this.context.owner()::cancelTimer));
  }

  private void every(Duration period, Runnable duty) {
    this.timers.add(this.context.owner().setPeriodic(Math.max(1, period.toMillis()), ignored -> this.context.runOnContext(() -> {
      if (!this.stopped) {
        duty.run();
      }
    })));
  }
}
