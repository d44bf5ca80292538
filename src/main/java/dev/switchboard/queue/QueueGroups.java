package dev.switchboard.queue;

import java.util.Collection;

/**
 * Groups that a queue's metrics report even while none of their jobs waits behind the group limit, contributed by the
 * side that enqueues them (the queue layer knows jobs' groups only while they are in Redis). Beans of this type are
 * collected by {@code GET /api/queue/metrics}.
 */
public interface QueueGroups {

  /** The queue whose groups these are. */
  String queue();

  /** The groups, e.g. every account whose jobs the producer puts in a group of its own. */
  Collection<String> groups();
}
