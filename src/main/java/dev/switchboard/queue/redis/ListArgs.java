package dev.switchboard.queue.redis;

import java.util.List;

import dev.switchboard.redis.LuaScript;

/** Arguments of list.lua: ids of waiting or active jobs, oldest first, a page at a time. */
public final class ListArgs extends ScriptArgs {

  private String state = "waiting";
  private int offset;
  private int limit = 50;

  public ListArgs(QueueKeys keys) {
    super(keys);
  }

  /** {@code waiting} or {@code active}: the states kept in the streams. */
  public ListArgs state(String state) {
    if (!"waiting".equals(state) && !"active".equals(state)) {
      throw new IllegalArgumentException("list.lua lists waiting or active jobs, not " + state);
    }
    this.state = state;
    return this;
  }

  public ListArgs page(int offset, int limit) {
    this.offset = offset;
    this.limit = limit;
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.LIST;
  }

  @Override
  public List<String> args() {
    return List.of(this.state, Integer.toString(this.offset), Integer.toString(this.limit));
  }
}
