package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of reclaim.lua: take over up to {@code count} deliveries idle longer than {@code minIdle} (XAUTOCLAIM). */
public final class ReclaimArgs extends ScriptArgs {

  private String consumer;
  private long minIdleMillis;
  private int count = 1;
  private long now = -1;
  private int keepCount = 5000;
  private long keepAgeMillis = 604_800_000L;
  private int defaultGroupLimit;

  public ReclaimArgs(QueueKeys keys) {
    super(keys);
  }

  public ReclaimArgs consumer(String consumer) {
    this.consumer = consumer;
    return this;
  }

  public ReclaimArgs minIdle(long millis) {
    this.minIdleMillis = millis;
    return this;
  }

  public ReclaimArgs count(int count) {
    this.count = count;
    return this;
  }

  public ReclaimArgs now(long millis) {
    this.now = millis;
    return this;
  }

  /** Dead jobs kept (a job that stalls on its last attempt goes dead): how many, and how long. */
  public ReclaimArgs retention(int count, long ageMillis) {
    this.keepCount = count;
    this.keepAgeMillis = ageMillis;
    return this;
  }

  public ReclaimArgs defaultGroupLimit(int limit) {
    this.defaultGroupLimit = limit;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.RECLAIM;
  }

  @Override
  public List<String> args() {
    return List.of(requireText(this.consumer, "consumer"), Long.toString(this.minIdleMillis), Integer.toString(this.count),
        Long.toString(nowIfUnset(this.now)), Integer.toString(this.keepCount), Long.toString(this.keepAgeMillis),
        Integer.toString(this.defaultGroupLimit));
  }
}
