package dev.switchboard.queue.redis;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.redis.LuaScript;

/**
 * The arguments of one queue script call, in the manner of the Redis client's {@code *Args}: built fluently, then
 * rendered to the script's KEYS (the queue's fixed keys, then the job hashes the caller names, all in the queue's hash
 * slot) and ARGV.
 */
public abstract class ScriptArgs {

  protected final QueueKeys keys;
  private final List<String> jobKeys = new ArrayList<>();

  protected ScriptArgs(QueueKeys keys) {
    this.keys = keys;
  }

  /** The script these arguments are for. */
  public abstract LuaScript script();

  /** ARGV, in the order the script reads it. */
  public abstract List<String> args();

  /** KEYS: the queue's fixed keys, then the hashes of the jobs this call names. */
  public final List<String> keys() {
    if (this.jobKeys.isEmpty()) {
      return this.keys.scriptKeys();
    }
    List<String> all = new ArrayList<>(this.keys.scriptKeys().size() + this.jobKeys.size());
    all.addAll(this.keys.scriptKeys());
    all.addAll(this.jobKeys);
    return all;
  }

  /** Declares the hash of a job this call names, in the order the script's per-job arguments follow. */
  protected final void declareJob(String id) {
    this.jobKeys.add(this.keys.job(requireText(id, "job id")));
  }

  protected final int jobCount() {
    return this.jobKeys.size();
  }

  protected static String requireText(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must be given");
    }
    return value;
  }

  protected static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  protected static long nowIfUnset(long millis) {
    return millis >= 0 ? millis : System.currentTimeMillis();
  }
}
