package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of fetch.lua: hand a consumer up to {@code count} waiting jobs, highest priority first. */
public final class FetchArgs extends ScriptArgs {

  private String consumer;
  private int count = 1;
  private long now = -1;
  private int fairBand = -1;

  public FetchArgs(QueueKeys keys) {
    super(keys);
  }

  public FetchArgs consumer(String consumer) {
    this.consumer = consumer;
    return this;
  }

  public FetchArgs count(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
    this.count = count;
    return this;
  }

  public FetchArgs now(long millis) {
    this.now = millis;
    return this;
  }

  /** Serve one job of this band (or the next non-empty one above it) first; -1 = plain priority order. */
  public FetchArgs fairBand(int band) {
    this.fairBand = band;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.FETCH;
  }

  @Override
  public List<String> args() {
    return List.of(requireText(this.consumer, "consumer"), Integer.toString(this.count), Long.toString(nowIfUnset(this.now)),
        Integer.toString(this.fairBand));
  }
}
