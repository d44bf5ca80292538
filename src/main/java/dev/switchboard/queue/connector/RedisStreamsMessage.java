package dev.switchboard.queue.connector;

import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** One delivery of a job. Ack completes the job; nack retries it or lets it die, as the failure decides. */
final class RedisStreamsMessage implements Message<String> {

  private final QueueWorker worker;
  private final QueueWorker.Delivery delivery;
  private final Metadata metadata;

  RedisStreamsMessage(QueueWorker worker, QueueWorker.Delivery delivery) {
    this.worker = worker;
    this.delivery = delivery;
    this.metadata = Metadata.of(delivery.metadata());
  }

  @Override
  public String getPayload() {
    return this.delivery.data();
  }

  @Override
  public Metadata getMetadata() {
    return this.metadata;
  }

  @Override
  public Function<Metadata, CompletionStage<Void>> getAckWithMetadata() {
    return ignored -> this.worker.complete(this.delivery).subscribeAsCompletionStage();
  }

  @Override
  public BiFunction<Throwable, Metadata, CompletionStage<Void>> getNackWithMetadata() {
    return (reason, ignored) -> this.worker.fail(this.delivery, reason).subscribeAsCompletionStage();
  }
}
