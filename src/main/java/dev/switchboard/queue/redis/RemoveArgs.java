package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of remove.lua: delete one job that is not running. */
public final class RemoveArgs extends ScriptArgs {

  private String id;
  private long now = -1;
  private int defaultGroupLimit;

  public RemoveArgs(QueueKeys keys) {
    super(keys);
  }

  public RemoveArgs job(String id) {
    if (this.id != null) {
      throw new IllegalStateException("one job per call");
    }
    declareJob(id);
    this.id = id;
    return this;
  }

  public RemoveArgs now(long millis) {
    this.now = millis;
    return this;
  }

  public RemoveArgs defaultGroupLimit(int limit) {
    this.defaultGroupLimit = limit;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.REMOVE;
  }

  @Override
  public List<String> args() {
    return List.of(requireText(this.id, "job id"), Long.toString(nowIfUnset(this.now)), Integer.toString(this.defaultGroupLimit));
  }
}
