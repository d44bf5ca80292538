package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of record.lua: store a result on a running job, if the delivery still owns it. */
public final class RecordArgs extends ScriptArgs {

  private int attempt;
  private String result;

  public RecordArgs(QueueKeys keys) {
    super(keys);
  }

  public RecordArgs job(String id, int attempt) {
    if (jobCount() > 0) {
      throw new IllegalStateException("one job per call");
    }
    declareJob(id);
    this.attempt = attempt;
    return this;
  }

  public RecordArgs result(String result) {
    this.result = result;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.RECORD;
  }

  @Override
  public List<String> args() {
    if (jobCount() == 0) {
      throw new IllegalStateException("job must be given");
    }
    return List.of(Integer.toString(this.attempt), orEmpty(this.result));
  }
}
