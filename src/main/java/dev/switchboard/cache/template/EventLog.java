package dev.switchboard.cache.template;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest template-cache events, at most {@code capacity}, in three primitive arrays allocated once: 13 bytes per
 * event (an 8-byte time, a 4-byte key number, a 1-byte kind), so 10,000 events take 130,000 bytes whatever goes
 * through. Key numbers index a table of at most {@code maxKeys + 1} names (the last one is {@code (other)}).
 * Not thread-safe: {@link TemplateMetrics} serialises access.
 */
final class EventLog {

  static final int BYTES_PER_EVENT = Long.BYTES + Integer.BYTES + Byte.BYTES;

  private final long[] times;
  private final int[] keys;
  private final byte[] kinds;
  private int next;
  private int size;

  EventLog(int capacity) {
    this.times = new long[capacity];
    this.keys = new int[capacity];
    this.kinds = new byte[capacity];
  }

  void add(long at, int key, TemplateEvent.Kind kind) {
    this.times[this.next] = at;
    this.keys[this.next] = key;
    this.kinds[this.next] = (byte) kind.ordinal();
    this.next = (this.next + 1) % this.times.length;
    this.size = Math.min(this.size + 1, this.times.length);
  }

  int size() {
    return this.size;
  }

  int capacity() {
    return this.times.length;
  }

  long bytes() {
    return (long) this.times.length * BYTES_PER_EVENT;
  }

  /** The newest {@code limit} events, newest first. */
  List<TemplateEvent> newest(int limit, String[] keyNames) {
    int count = Math.min(limit, this.size);
    List<TemplateEvent> events = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      int at = Math.floorMod(this.next - i, this.times.length);
      events.add(new TemplateEvent(Instant.ofEpochMilli(this.times[at]), keyNames[this.keys[at]], TemplateEvent.Kind.values()[this.kinds[at]]));
    }
    return events;
  }
}
