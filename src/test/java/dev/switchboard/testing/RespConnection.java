package dev.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.redis.LuaScript;

/**
 * A bare Redis connection (RESP over a socket) for tests that play another replica, in the test JVM or in a second
 * process: its commands stay on one connection, so MULTI/EXEC works, and nothing of the application's clients is
 * involved. Needs nothing but the JDK.
 */
public final class RespConnection implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  public RespConnection(int port) throws IOException {
    this.socket = new Socket("127.0.0.1", port);
    this.out = this.socket.getOutputStream();
    this.in = new DataInputStream(this.socket.getInputStream());
  }

  public Object call(List<String> command) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + command.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String part : command) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      buffer.writeBytes(bytes);
      buffer.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    this.out.write(buffer.toByteArray());
    this.out.flush();
    return read();
  }

  public Object call(String... command) throws IOException {
    return call(List.of(command));
  }

  /** EVAL of a script's source with its keys and arguments. */
  public Object eval(LuaScript script, List<String> keys, List<String> args) throws IOException {
    return call(evalCommand(script, keys, args));
  }

  /**
   * Runs a queue script while the queue (pause flag {@code pausedKey}) stays paused for every other consumer: MULTI, lift
   * the pause, the script, pause again, EXEC. A test decides this way which process gets a job. Returns the script's reply.
   */
  public Object evalWhilePausedForOthers(String pausedKey, LuaScript script, List<String> keys, List<String> args) throws IOException {
    call("MULTI");
    call("DEL", pausedKey);
    call(evalCommand(script, keys, args));
    call("SET", pausedKey, "1");
    return ((List<?>) call("EXEC")).get(1);
  }

  private static List<String> evalCommand(LuaScript script, List<String> keys, List<String> args) {
    List<String> command = new ArrayList<>(3 + keys.size() + args.size());
    command.add("EVAL");
    command.add(script.source());
    command.add(Integer.toString(keys.size()));
    command.addAll(keys);
    command.addAll(args);
    return command;
  }

  private Object read() throws IOException {
    char type = (char) this.in.readByte();
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IOException("Redis error: " + line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = new byte[length];
        this.in.readFully(bytes);
        readLine();
        return new String(bytes, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(read());
        }
        return items;
      }
      default:
        throw new IOException("Unexpected reply type " + type);
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = this.in.read()) != '\r') {
      line.append((char) c);
    }
    this.in.read();
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    this.socket.close();
  }
}
