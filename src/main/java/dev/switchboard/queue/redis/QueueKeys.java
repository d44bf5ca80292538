package dev.switchboard.queue.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis key names of one queue. Every key carries the hash tag {@code {<queue>}}, so all of a queue's keys live in
 * one hash slot: the scripts, which get the queue's fixed keys as KEYS ({@link #scriptKeys()}, the meta key first),
 * run unchanged on Redis Cluster, where the client routes them by their keys to the node owning that slot.
 */
public final class QueueKeys {

  /** Priority bands 10..0, one stream each. */
  public static final int BANDS = 11;

  private final String queue;
  private final String base;
  private final List<String> scriptKeys;

  public QueueKeys(String prefix, String queue) {
    // the tag must be exactly the queue name: a brace elsewhere would make Redis hash another part of the key
    if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("The key prefix must not contain '{' or '}': " + prefix);
    }
    if (queue.isEmpty() || queue.indexOf('{') >= 0 || queue.indexOf('}') >= 0) {
      throw new IllegalArgumentException("A queue name must be non-empty and contain no '{' or '}': " + queue);
    }
    this.queue = queue;
    this.base = prefix + ":{" + queue + "}:";
    List<String> fixed = new ArrayList<>(8 + BANDS);
    fixed.addAll(List.of(meta(), paused(), delayed(), completed(), dead(), groups(), groupLimits(), sequence()));
    for (int band = 10; band >= 0; band--) {
      fixed.add(stream(band));
    }
    this.scriptKeys = List.copyOf(fixed);
  }

  public String queue() {
    return this.queue;
  }

  /**
   * KEYS[1..19] of every queue script, in the order lib.lua names them: meta, paused, delayed, completed, dead,
   * groups, group limits, sequence, then the streams of bands 10 down to 0.
   */
  public List<String> scriptKeys() {
    return this.scriptKeys;
  }

  public String job(String id) {
    return this.base + "job:" + id;
  }

  /** The stream of one priority band (0..10). */
  public String stream(int priority) {
    return this.base + "s:" + priority;
  }

  /** Hash of counters by state (waiting, active, delayed, failed, stalled). */
  public String meta() {
    return this.base + "meta";
  }

  public String paused() {
    return this.base + "paused";
  }

  public String delayed() {
    return this.base + "delayed";
  }

  public String completed() {
    return this.base + "completed";
  }

  public String dead() {
    return this.base + "dead";
  }

  /** Set of the groups that have jobs waiting for a free slot. */
  public String groups() {
    return this.base + "groups";
  }

  /** Hash group → its concurrency limit, where a job set one. */
  public String groupLimits() {
    return this.base + "glimits";
  }

  /** Counter that orders the jobs of a group. */
  public String sequence() {
    return this.base + "seq";
  }

  /** Sorted set of a group's admitted jobs (at most its limit). */
  public String groupActive(String group) {
    return this.base + "group:" + group;
  }

  /** Sorted set of a group's jobs waiting for a slot. */
  public String groupWaiting(String group) {
    return this.base + "gwait:" + group;
  }

  /** Hash of the jobs completed ({@code c<second>}) and attempts failed ({@code f<second>}) in one minute. */
  public String throughput(long epochMinute) {
    return this.base + "tp:" + epochMinute;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QueueKeys keys && keys.base.equals(this.base);
  }

  @Override
  public int hashCode() {
    return this.base.hashCode();
  }

  @Override
  public String toString() {
    return this.base + "*";
  }
}
