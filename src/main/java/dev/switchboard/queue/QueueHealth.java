package dev.switchboard.queue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The consumers' health in this replica, one entry per incoming channel, for reports that name the queue and its last
 * error ({@code /health/detailed}). The connector registers each channel when it creates it.
 */
@ApplicationScoped
public class QueueHealth {

  private final Map<String, Supplier<ConsumerHealth>> channels = new ConcurrentSkipListMap<>();

  public void register(String channel, Supplier<ConsumerHealth> health) {
    this.channels.put(channel, health);
  }

  /** Every registered channel's current health, by channel name. */
  public List<ConsumerHealth> consumers() {
    return this.channels.values().stream().map(Supplier::get).toList();
  }
}
