package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of drain.lua: remove every job that has not started (and, when asked, delayed ones and retries). */
public final class DrainArgs extends ScriptArgs {

  private boolean includeDelayed;

  public DrainArgs(QueueKeys keys) {
    super(keys);
  }

  public DrainArgs includeDelayed(boolean includeDelayed) {
    this.includeDelayed = includeDelayed;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.DRAIN;
  }

  @Override
  public List<String> args() {
    return List.of(this.includeDelayed ? "1" : "0");
  }
}
