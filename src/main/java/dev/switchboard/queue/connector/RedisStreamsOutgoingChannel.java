package dev.switchboard.queue.connector;

import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.providers.helpers.MultiUtils;

/**
 * An outgoing channel: each message becomes a job of the channel's queue, with the {@link JobOptions} it carries as
 * metadata (the channel's {@code priority} where they name none). The message is acked once Redis has the job and
 * nacked when the enqueue failed, so an emitter's {@code Uni} completes only after the job is stored, and fails
 * otherwise.
 */
final class RedisStreamsOutgoingChannel {

  private final String queue;
  private final int priority;
  private final JobQueue jobs;
  private final Flow.Subscriber<? extends Message<?>> subscriber;

  RedisStreamsOutgoingChannel(RedisStreamsConnectorOutgoingConfiguration conf, JobQueue jobs) {
    this.queue = conf.getQueue().orElse(conf.getChannel());
    this.priority = conf.getPriority();
    this.jobs = jobs;
    this.subscriber = MultiUtils.via(multi -> multi.call(this::enqueue));
  }

  Flow.Subscriber<? extends Message<?>> subscriber() {
    return this.subscriber;
  }

  private Uni<Void> enqueue(Message<?> message) {
    JobOptions options = message.getMetadata(JobOptions.class).orElse(JobOptions.defaults());
    if (options.priority() == null) {
      options = options.withPriority(this.priority);
    }
    return this.jobs.enqueue(this.queue, message.getPayload(), options)
        .onItemOrFailure().transformToUni((result, failure) -> failure == null
            ? Uni.createFrom().completionStage(message.ack())
            : Uni.createFrom().completionStage(message.nack(failure)));
  }
}
