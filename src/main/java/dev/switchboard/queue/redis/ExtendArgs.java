package dev.switchboard.queue.redis;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of extend.lua: renew the lease of deliveries a live consumer still works on. */
public final class ExtendArgs extends ScriptArgs {

  private final List<String> jobs = new ArrayList<>();
  private String consumer;

  public ExtendArgs(QueueKeys keys) {
    super(keys);
  }

  public ExtendArgs consumer(String consumer) {
    this.consumer = consumer;
    return this;
  }

  public ExtendArgs job(String id, int attempt) {
    declareJob(id);
    this.jobs.add(id);
    this.jobs.add(Integer.toString(attempt));
    return this;
  }

  public boolean isEmpty() {
    return jobCount() == 0;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.EXTEND;
  }

  @Override
  public List<String> args() {
    List<String> args = new ArrayList<>(1 + this.jobs.size());
    args.add(requireText(this.consumer, "consumer"));
    args.addAll(this.jobs);
    return args;
  }
}
