package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of clean.lua: delete up to {@code limit} completed or dead jobs that finished before a cutoff. */
public final class CleanArgs extends ScriptArgs {

  /** The finished-jobs sets clean.lua can work on. */
  public enum FinishedSet {
    COMPLETED, DEAD
  }

  private FinishedSet set = FinishedSet.COMPLETED;
  private long finishedBeforeMillis;
  private int limit = 1000;

  public CleanArgs(QueueKeys keys) {
    super(keys);
  }

  public CleanArgs set(FinishedSet set) {
    this.set = set;
    return this;
  }

  public CleanArgs finishedBefore(long millis) {
    this.finishedBeforeMillis = millis;
    return this;
  }

  public CleanArgs limit(int limit) {
    this.limit = limit;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.CLEAN;
  }

  @Override
  public List<String> args() {
    return List.of(this.set == FinishedSet.DEAD ? "dead" : "completed", Long.toString(this.finishedBeforeMillis), Integer.toString(this.limit));
  }
}
