package dev.switchboard.queue.connector;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.switchboard.queue.QueueMetrics;

/**
 * The jobs one channel holds in this replica: taken and waiting for a copy ({@code ready}, in the order they were
 * taken, so a group's jobs start in enqueue order) and handed out but not settled ({@code in flight}). The ready ones
 * are confined to the channel's context; the in-flight ones are also counted by the shutdown thread.
 */
final class HeldJobs {

  private final ArrayDeque<RedisStreamsMessage> ready = new ArrayDeque<>();
  private final Map<String, RedisStreamsMessage> inFlight = new ConcurrentHashMap<>();
  private final ChannelSettings settings;
  private final QueueMetrics metrics;
  private final AttemptTimer timer;

  HeldJobs(ChannelSettings settings, QueueMetrics metrics, AttemptTimer timer) {
    this.settings = settings;
    this.metrics = metrics;
    this.timer = timer;
  }

  void add(List<RedisStreamsMessage> taken) {
    this.ready.addAll(taken);
  }

  int readyCount() {
    return this.ready.size();
  }

  /** The next ready job, now in flight: its attempt's timer runs from here. */
  RedisStreamsMessage start() {
    RedisStreamsMessage message = this.ready.poll();
    this.inFlight.put(message.jobId(), message);
    this.timer.start(message);
    if (message.attempt() == 1) {
      this.metrics.waited(this.settings.queueName(), System.currentTimeMillis() - message.job().createdAt().toEpochMilli());
    }
    return message;
  }

  /** The ready jobs, which no copy will start now; none is held any more. */
  List<RedisStreamsMessage> takeReady() {
    List<RedisStreamsMessage> unstarted = List.copyOf(this.ready);
    this.ready.clear();
    return unstarted;
  }

  /** The delivery settled: it holds no place here any more. */
  void released(RedisStreamsMessage message) {
    this.inFlight.remove(message.jobId(), message);
    this.timer.cancel(message);
  }

  /** Every job held, in flight or ready (their leases are kept alike). */
  List<RedisStreamsMessage> all() {
    return Stream.concat(this.inFlight.values().stream(), this.ready.stream()).toList();
  }

  int inFlightCount() {
    return this.inFlight.size();
  }
}
