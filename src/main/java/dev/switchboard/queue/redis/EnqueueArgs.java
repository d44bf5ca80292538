package dev.switchboard.queue.redis;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of enqueue.lua: one or more new jobs, added atomically (an id already there is left alone). */
public final class EnqueueArgs extends ScriptArgs {

  private final List<String> jobs = new ArrayList<>();
  private long now = -1;
  private int defaultGroupLimit;

  public EnqueueArgs(QueueKeys keys) {
    super(keys);
  }

  public EnqueueArgs now(long millis) {
    this.now = millis;
    return this;
  }

  /** The queue's group-concurrency, for groups no job gave a limit of their own. */
  public EnqueueArgs defaultGroupLimit(int limit) {
    this.defaultGroupLimit = limit;
    return this;
  }

  /**
   * @param group the group whose concurrency the queue limits, or null
   * @param dueAtMillis run no earlier than this (0 = now)
   * @param groupLimit the group's limit from now on (0 = keep the one it has)
   */
  public EnqueueArgs job(String id, String data, int priority, String group, long dueAtMillis, int maxAttempts, int groupLimit) {
    declareJob(id);
    List<String> jobs = this.jobs;
    jobs.add(id);
    jobs.add(data);
    jobs.add(Integer.toString(priority));
    jobs.add(orEmpty(group));
    jobs.add(Long.toString(dueAtMillis));
    jobs.add(Integer.toString(maxAttempts));
    jobs.add(Integer.toString(groupLimit));
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.ENQUEUE;
  }

  @Override
  public List<String> args() {
    List<String> args = new ArrayList<>(2 + this.jobs.size());
    args.add(Long.toString(nowIfUnset(this.now)));
    args.add(Integer.toString(this.defaultGroupLimit));
    args.addAll(this.jobs);
    return args;
  }
}
