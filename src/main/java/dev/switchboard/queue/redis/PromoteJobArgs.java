package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of promote-job.lua: move one delayed job (or a pending retry) to waiting now. */
public final class PromoteJobArgs extends ScriptArgs {

  private String id;
  private long now = -1;
  private int defaultGroupLimit;

  public PromoteJobArgs(QueueKeys keys) {
    super(keys);
  }

  public PromoteJobArgs job(String id) {
    if (this.id != null) {
      throw new IllegalStateException("one job per call");
    }
    declareJob(id);
    this.id = id;
    return this;
  }

  public PromoteJobArgs now(long millis) {
    this.now = millis;
    return this;
  }

  public PromoteJobArgs defaultGroupLimit(int limit) {
    this.defaultGroupLimit = limit;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.PROMOTE_JOB;
  }

  @Override
  public List<String> args() {
    return List.of(requireText(this.id, "job id"), Long.toString(nowIfUnset(this.now)), Integer.toString(this.defaultGroupLimit));
  }
}
