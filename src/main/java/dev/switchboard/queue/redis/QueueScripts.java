package dev.switchboard.queue.redis;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The queue's Lua scripts (src/main/resources/queue/lua), each one atomic state transition in one round trip. Each
 * is called with its {@code *Args}, which renders the KEYS (the queue's keys, one hash slot) and the ARGV.
 */
@ApplicationScoped
public class QueueScripts {

  public static final LuaScript ENQUEUE = load("enqueue");
  public static final LuaScript FETCH = load("fetch");
  public static final LuaScript COMPLETE = load("complete");
  public static final LuaScript FAIL = load("fail");
  public static final LuaScript PROMOTE = load("promote");
  public static final LuaScript RECLAIM = load("reclaim");
  public static final LuaScript EXTEND = load("extend");
  public static final LuaScript REMOVE = load("remove");
  public static final LuaScript RETRY = load("retry");
  public static final LuaScript CLEAN = load("clean");
  public static final LuaScript DRAIN = load("drain");
  public static final LuaScript RECORD = load("record");
  public static final LuaScript PAGE = load("page");
  public static final LuaScript PROMOTE_JOB = load("promote-job");
  public static final LuaScript HAND_BACK = load("hand-back");

  private final ReactiveRedisDataSource redis;

  public QueueScripts(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis) {
    this.redis = redis;
  }

  public Uni<Response> run(ScriptArgs args) {
    return args.script().run(this.redis, args.keys(), args.args());
  }

  private static LuaScript load(String name) {
    return LuaScript.fromResources("queue/lua/lib.lua", "queue/lua/" + name + ".lua");
  }
}
