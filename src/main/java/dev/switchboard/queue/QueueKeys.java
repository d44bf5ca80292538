package dev.switchboard.queue;

/**
 * Redis key names of one queue. Every key carries the hash tag {@code {queue}}, so the Lua scripts touch a single
 * slot and run unchanged on Redis Cluster.
 */
public final class QueueKeys {

  /** Priority bands 10..0, one stream each. */
  public static final int BANDS = 11;

  private final String base;

  public QueueKeys(String prefix, String queue) {
    this.base = prefix + ":{" + queue + "}:";
  }

  /** The common prefix, passed to the scripts so they can name the keys they touch. */
  public String base() {
    return this.base;
  }

  public String job(String id) {
    return this.base + "job:" + id;
  }

  public String stream(int priority) {
    return this.base + "s:" + priority;
  }

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

  public String groupActive(String group) {
    return this.base + "group:" + group;
  }
}
