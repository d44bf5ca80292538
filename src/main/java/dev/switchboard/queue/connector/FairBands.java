package dev.switchboard.queue.connector;

import dev.switchboard.queue.redis.QueueKeys;

/**
 * The anti-starvation rotation of one channel's takes (fetches, and the fetches that ride along with acks): every
 * {@link #EVERY}-th take first serves one band in rotation, or the next non-empty band above it (take_jobs in lib.lua),
 * then the highest bands as usual. So under any sustained high-priority load a waiting job of band {@code b} is
 * served within {@code EVERY * BANDS} takes: the rotation reaches {@code b} within that many, and takes the first
 * non-empty band at or above it.
 */
public final class FairBands {

  /** One take in this many starts with the band in rotation. */
  public static final int EVERY = 10;

  private long takes;

  /** The band the next take serves first, or -1 for plain priority order. Called once per take, on the channel's context. */
  int next() {
    long take = ++this.takes;
    return take % EVERY == 0 ? (int) ((take / EVERY) % QueueKeys.BANDS) : -1;
  }
}
