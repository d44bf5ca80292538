package dev.switchboard.queue.redis;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of retry.lua: give dead jobs new attempts; the ones named, or (none named) up to 1000. */
public final class RetryArgs extends ScriptArgs {

  private final List<String> ids = new ArrayList<>();
  private long now = -1;
  private int defaultGroupLimit;
  private int extraAttempts = 1;

  public RetryArgs(QueueKeys keys) {
    super(keys);
  }

  public RetryArgs jobs(List<String> ids) {
    ids.forEach(id -> {
      declareJob(id);
      this.ids.add(id);
    });
    return this;
  }

  public RetryArgs now(long millis) {
    this.now = millis;
    return this;
  }

  public RetryArgs defaultGroupLimit(int limit) {
    this.defaultGroupLimit = limit;
    return this;
  }

  /** How many attempts each job gets on top of those it used. */
  public RetryArgs extraAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("extra attempts must be at least 1");
    }
    this.extraAttempts = attempts;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.RETRY;
  }

  @Override
  public List<String> args() {
    List<String> args = new ArrayList<>(3 + this.ids.size());
    args.add(Long.toString(nowIfUnset(this.now)));
    args.add(Integer.toString(this.defaultGroupLimit));
    args.add(Integer.toString(this.extraAttempts));
    args.addAll(this.ids);
    return args;
  }
}
