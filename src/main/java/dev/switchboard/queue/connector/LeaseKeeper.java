package dev.switchboard.queue.connector;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.switchboard.queue.redis.ExtendArgs;
import dev.switchboard.queue.redis.QueueScripts;
import io.quarkus.logging.Log;
import io.vertx.mutiny.redis.client.Response;

/**
 * Keeps the jobs this channel holds from being reclaimed while it works on them: every {@code visibility-timeout / 3}
 * it renews the lease of deliveries older than that (extend.lua re-claims their pending entries), and warns about
 * those another consumer took over meanwhile (their outcome will be refused).
 */
final class LeaseKeeper implements Runnable {

  private final RedisStreamsIncomingChannel channel;
  private final ChannelSettings settings;
  private final QueueScripts scripts;

  LeaseKeeper(RedisStreamsIncomingChannel channel, QueueScripts scripts) {
    this.channel = channel;
    this.settings = channel.settings();
    this.scripts = scripts;
  }

  @Override
  public void run() {
    long threshold = System.nanoTime() - this.settings.visibilityTimeout().dividedBy(3).toNanos();
    List<RedisStreamsMessage> due = this.channel.held().stream().filter(message -> message.startedNanos() < threshold).toList();
    if (due.isEmpty()) {
      return;
    }
    ExtendArgs args = new ExtendArgs(this.settings.keys()).consumer(this.settings.consumer());
    due.forEach(message -> args.job(message.jobId(), message.attempt()));
    long now = System.currentTimeMillis();
    this.scripts.run(args).subscribe().with(lost -> {
      Set<String> lostIds = new HashSet<>();
      for (Response id : lost) {
        lostIds.add(id.toString());
        Log.warnf("Queue '%s': job %s was taken over by another consumer while running here; its outcome will be refused",
            this.settings.queueName(), id);
      }
      due.stream().filter(message -> !lostIds.contains(message.jobId())).forEach(message -> message.leaseRenewed(now));
    }, failure -> Log.debugf("Queue '%s': lease extension failed (%s)", this.settings.queueName(), failure.getMessage()));
  }
}
