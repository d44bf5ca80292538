package dev.switchboard.queue.redis;

import java.util.List;
import java.util.Set;

import dev.switchboard.redis.LuaScript;

/**
 * Arguments of page.lua: one page of a state's job ids from a cursor, looking at no more than {@code scanBudget} jobs,
 * optionally only those whose id, group, data or result contains a query.
 */
public final class PageArgs extends ScriptArgs {

  private static final Set<String> STATES = Set.of("waiting", "active", "delayed", "failed", "completed", "dead");

  private String state = "waiting";
  private String cursor = "";
  private int limit = 50;
  private int scanBudget = 50;
  private String query = "";

  public PageArgs(QueueKeys keys) {
    super(keys);
  }

  public PageArgs state(String state) {
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException("page.lua lists one of " + STATES + ", not " + state);
    }
    this.state = state;
    return this;
  }

  /** Where the previous page ended ({@code ""} or null: the start). */
  public PageArgs after(String cursor) {
    this.cursor = orEmpty(cursor);
    return this;
  }

  /** At most {@code limit} ids, looking at no more than {@code scanBudget} jobs (at least the limit). */
  public PageArgs page(int limit, int scanBudget) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more");
    }
    this.limit = limit;
    this.scanBudget = Math.max(limit, scanBudget);
    return this;
  }

  public PageArgs matching(String query) {
    this.query = orEmpty(query);
    return this;
  }

  @Override
  public LuaScript script() {
    return QueueScripts.PAGE;
  }

  @Override
  public List<String> args() {
    return List.of(this.state, this.cursor, Integer.toString(this.limit), Integer.toString(this.scanBudget), this.query);
  }
}
