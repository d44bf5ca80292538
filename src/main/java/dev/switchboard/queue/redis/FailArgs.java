package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of fail.lua: a failed attempt of one delivery (fenced by its attempt): retry later, or dead. */
public final class FailArgs extends ScriptArgs {

  private String id;
  private int attempt;
  private long now = -1;
  private String error = "";
  private String errorClass = "";
  private String stack = "";
  private boolean permanent;
  private long retryDelayMillis;
  private int keepCount = 5000;
  private long keepAgeMillis = 604_800_000L;
  private int defaultGroupLimit;

  public FailArgs(QueueKeys keys) {
    super(keys);
  }

  public FailArgs job(String id, int attempt) {
    if (this.id != null) {
      throw new IllegalStateException("one job per call");
    }
    declareJob(id);
    this.id = id;
    this.attempt = attempt;
    return this;
  }

  public FailArgs now(long millis) {
    this.now = millis;
    return this;
  }

  public FailArgs error(String message, String className) {
    this.error = orEmpty(message);
    this.errorClass = orEmpty(className);
    return this;
  }

  /** The failure's stack trace, kept with the attempt in the job's history (bounded by the caller). */
  public FailArgs stack(String stack) {
    this.stack = orEmpty(stack);
    return this;
  }

  /** Dead at once, whatever attempts are left. */
  public FailArgs permanent(boolean permanent) {
    this.permanent = permanent;
    return this;
  }

  public FailArgs retryDelay(long millis) {
    this.retryDelayMillis = Math.max(0, millis);
    return this;
  }

  /** Dead jobs kept: how many, and how long each job hash lives. */
  public FailArgs retention(int count, long ageMillis) {
    this.keepCount = count;
    this.keepAgeMillis = ageMillis;
    return this;
  }

  public FailArgs defaultGroupLimit(int limit) {
    this.defaultGroupLimit = limit;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.FAIL;
  }

  @Override
  public List<String> args() {
    return List.of(requireText(this.id, "job id"), Integer.toString(this.attempt), Long.toString(nowIfUnset(this.now)), this.error,
        this.errorClass, this.permanent ? "1" : "0", Long.toString(this.retryDelayMillis), Integer.toString(this.keepCount),
        Long.toString(this.keepAgeMillis), Integer.toString(this.defaultGroupLimit), this.stack);
  }
}
