package dev.switchboard.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script shipped as a resource, run with EVALSHA; a server that does not know it yet (restart, failover,
 * SCRIPT FLUSH) gets it once with EVAL. Resources must be listed in {@code quarkus.native.resources.includes}.
 */
public final class LuaScript {

  private final String source;
  private final String sha;

  private LuaScript(String source) {
    this.source = source;
    this.sha = HexFormat.of().formatHex(sha1(source));
  }

  /** The concatenation of the given resources (shared helpers first), as one script. */
  public static LuaScript fromResources(String... paths) {
    StringBuilder source = new StringBuilder();
    for (String path : paths) {
      source.append(read(path)).append('\n');
    }
    return new LuaScript(source.toString());
  }

  public String source() {
    return this.source;
  }

  public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
    return redis.execute("EVALSHA", command(this.sha, keys, args))
        .onFailure(LuaScript::isNoScript)
        .recoverWithUni(() -> redis.execute("EVAL", command(this.source, keys, args)));
  }

  private static String[] command(String scriptOrSha, List<String> keys, List<String> args) {
    List<String> command = new ArrayList<>(2 + keys.size() + args.size());
    command.add(scriptOrSha);
    command.add(Integer.toString(keys.size()));
    command.addAll(keys);
    command.addAll(args);
    return command.toArray(String[]::new);
  }

  private static boolean isNoScript(Throwable failure) {
    return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
  }

  private static String read(String path) {
    try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing script " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha1(String source) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
