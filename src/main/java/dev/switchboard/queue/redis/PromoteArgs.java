package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of promote.lua: move up to {@code limit} delayed jobs and retries that are due to waiting. */
public final class PromoteArgs extends ScriptArgs {

  private long now = -1;
  private int limit = 500;
  private int defaultGroupLimit;

  public PromoteArgs(QueueKeys keys) {
    super(keys);
  }

  public PromoteArgs now(long millis) {
    this.now = millis;
    return this;
  }

  public PromoteArgs limit(int limit) {
    this.limit = limit;
    return this;
  }

  public PromoteArgs defaultGroupLimit(int limit) {
    this.defaultGroupLimit = limit;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.PROMOTE;
  }

  @Override
  public List<String> args() {
    return List.of(Long.toString(nowIfUnset(this.now)), Integer.toString(this.limit), Integer.toString(this.defaultGroupLimit));
  }
}
