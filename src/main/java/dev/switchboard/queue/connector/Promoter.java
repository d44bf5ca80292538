package dev.switchboard.queue.connector;

import dev.switchboard.queue.redis.PromoteArgs;
import dev.switchboard.queue.redis.QueueScripts;
import io.quarkus.logging.Log;

/**
 * Moves the queue's due delayed jobs and retries to waiting (promote.lua), every {@code promote-interval}. Every
 * replica does it; the script is atomic and idempotent, so they never move a job twice.
 */
final class Promoter implements Runnable {

  private final ChannelSettings settings;
  private final QueueScripts scripts;

  Promoter(ChannelSettings settings, QueueScripts scripts) {
    this.settings = settings;
    this.scripts = scripts;
  }

  @Override
  public void run() {
    this.scripts.run(new PromoteArgs(this.settings.keys()).defaultGroupLimit(this.settings.queue().groupConcurrency()))
        .subscribe().with(ignored -> { }, failure -> Log.debugf("Queue '%s': promote failed (%s)", this.settings.queueName(),
            failure.getMessage()));
  }
}
