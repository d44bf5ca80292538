package dev.switchboard.queue.redis;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.redis.LuaScript;

/**
 * Arguments of complete.lua: the completions of a batch of deliveries (each fenced by its attempt), and optionally
 * the next jobs for the consumer in the same round trip.
 */
public final class CompleteArgs extends ScriptArgs {

  private final List<Completion> jobs = new ArrayList<>();
  private String consumer;
  private long now = -1;
  private int keepCount = 1000;
  private long keepAgeMillis = 86_400_000L;
  private int defaultGroupLimit;
  private int prefetch;
  private int fairBand = -1;

  public CompleteArgs(QueueKeys keys) {
    super(keys);
  }

  public CompleteArgs consumer(String consumer) {
    this.consumer = consumer;
    return this;
  }

  public CompleteArgs now(long millis) {
    this.now = millis;
    return this;
  }

  /** Completed jobs kept: how many, and how long each job hash lives. */
  public CompleteArgs retention(int count, long ageMillis) {
    this.keepCount = count;
    this.keepAgeMillis = ageMillis;
    return this;
  }

  public CompleteArgs defaultGroupLimit(int limit) {
    this.defaultGroupLimit = limit;
    return this;
  }

  /** Also hand the consumer up to {@code count} jobs (0 = none), see {@link FetchArgs#fairBand(int)}. */
  public CompleteArgs prefetch(int count, int fairBand) {
    this.prefetch = count;
    this.fairBand = fairBand;
    return this;
  }

  /** One completion: the job, the attempt it was delivered as (the fencing token), its stream entry. */
  public CompleteArgs job(String id, int attempt, String entry, int priority, String group) {
    declareJob(id);
    this.jobs.add(new Completion(id, attempt, requireText(entry, "entry"), priority, orEmpty(group)));
    return this;
  }

  /** The same completions without the prefetch, for a second try. */
  public CompleteArgs withoutPrefetch() {
    CompleteArgs copy = new CompleteArgs(this.keys).consumer(this.consumer).now(this.now).retention(this.keepCount, this.keepAgeMillis)
        .defaultGroupLimit(this.defaultGroupLimit);
    this.jobs.forEach(job -> copy.job(job.id(), job.attempt(), job.entry(), job.priority(), job.group()));
    return copy;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.COMPLETE;
  }

  @Override
  public List<String> args() {
    List<String> args = new ArrayList<>(7 + 5 * this.jobs.size());
    args.add(Long.toString(nowIfUnset(this.now)));
    args.add(Integer.toString(this.keepCount));
    args.add(Long.toString(this.keepAgeMillis));
    args.add(Integer.toString(this.defaultGroupLimit));
    args.add(requireText(this.consumer, "consumer"));
    args.add(Integer.toString(this.prefetch));
    args.add(Integer.toString(this.fairBand));
    for (Completion job : this.jobs) {
      args.add(job.id());
      args.add(Integer.toString(job.attempt()));
      args.add(job.entry());
      args.add(Integer.toString(job.priority()));
      args.add(job.group());
    }
    return args;
  }

  private record Completion(String id, int attempt, String entry, int priority, String group) {
  }
}
