package dev.switchboard.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The queue's Lua scripts, each one atomic state transition in one round trip. Run with EVALSHA; a server that
 * does not know a script yet (restart, failover, SCRIPT FLUSH) gets it with EVAL once.
 */
@ApplicationScoped
public class QueueScripts {

  public static final Script ENQUEUE = Script.load("enqueue");
  public static final Script FETCH = Script.load("fetch");
  public static final Script COMPLETE = Script.load("complete");
  public static final Script FAIL = Script.load("fail");
  public static final Script PROMOTE = Script.load("promote");
  public static final Script RECLAIM = Script.load("reclaim");
  public static final Script EXTEND = Script.load("extend");
  public static final Script REMOVE = Script.load("remove");
  public static final Script RETRY = Script.load("retry");
  public static final Script CLEAN = Script.load("clean");
  public static final Script DRAIN = Script.load("drain");
  public static final Script RECORD = Script.load("record");
  public static final Script LIST = Script.load("list");

  private final ReactiveRedisDataSource redis;

  public QueueScripts(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis) {
    this.redis = redis;
  }

  public Uni<Response> run(Script script, List<String> keys, List<String> args) {
    String[] evalsha = script.command(script.sha, keys, args);
    return this.redis.execute("EVALSHA", evalsha)
        .onFailure(QueueScripts::isNoScript)
        .recoverWithUni(() -> this.redis.execute("EVAL", script.command(script.source, keys, args)));
  }

  private static boolean isNoScript(Throwable failure) {
    return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
  }

  /** A script with the shared helpers prepended, and its SHA-1. */
  public static final class Script {
    final String name;
    final String source;
    final String sha;

    private Script(String name, String source) {
      this.name = name;
      this.source = source;
      this.sha = sha1(source);
    }

    static Script load(String name) {
      return new Script(name, read("lib") + "\n" + read(name));
    }

    String[] command(String scriptOrSha, List<String> keys, List<String> args) {
      List<String> command = new ArrayList<>(2 + keys.size() + args.size());
      command.add(scriptOrSha);
      command.add(Integer.toString(keys.size()));
      command.addAll(keys);
      command.addAll(args);
      return command.toArray(String[]::new);
    }

    private static String read(String name) {
      String path = "queue/lua/" + name + ".lua";
      try (InputStream in = QueueScripts.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("Missing script " + path);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String sha1(String source) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
