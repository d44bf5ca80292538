package dev.switchboard.queue.redis;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of hand-back.lua: jobs a consumer took ahead and gives back unstarted, for any consumer to take over. */
public final class HandBackArgs extends ScriptArgs {

  private final List<String> jobs = new ArrayList<>();
  private String consumer;

  public HandBackArgs(QueueKeys keys) {
    super(keys);
  }

  public HandBackArgs consumer(String consumer) {
    this.consumer = consumer;
    return this;
  }

  /** A job given back: the attempt it was taken for, its stream entry and priority band. */
  public HandBackArgs job(String id, int attempt, String entry, int priority) {
    declareJob(id);
    this.jobs.add(Integer.toString(attempt));
    this.jobs.add(requireText(entry, "entry"));
    this.jobs.add(Integer.toString(priority));
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.HAND_BACK;
  }

  @Override
  public List<String> args() {
    List<String> args = new ArrayList<>(1 + this.jobs.size());
    args.add(requireText(this.consumer, "consumer"));
    args.addAll(this.jobs);
    return args;
  }
}
