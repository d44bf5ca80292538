package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/**
 * Arguments of drain.lua: remove up to a batch of jobs that have not started (and, when asked, delayed ones and retries);
 * the caller repeats while the script says more may be left.
 */
public final class DrainArgs extends ScriptArgs {

  private boolean includeDelayed;
  private int batch = 1000;

  public DrainArgs(QueueKeys keys) {
    super(keys);
  }

  public DrainArgs includeDelayed(boolean includeDelayed) {
    this.includeDelayed = includeDelayed;
    return this;
  }

  public DrainArgs batch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be 1 or more");
    }
    this.batch = batch;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.DRAIN;
  }

  @Override
  public List<String> args() {
    return List.of(this.includeDelayed ? "1" : "0", Integer.toString(this.batch));
  }
}
