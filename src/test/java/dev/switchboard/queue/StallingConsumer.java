package dev.switchboard.queue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.redis.LuaScript;

/**
 * A second OS process that consumes like a replica does (the same fetch and complete scripts, its own consumer
 * name) and then does whatever stdin tells it, so a test can kill it with SIGKILL mid-job or let it try to
 * complete a job that was taken over. Commands: {@code fetch <queue-base> <n>}, {@code reclaim <queue-base> <min-idle-ms> <n>},
 * {@code complete <queue-base> <id> <token> <entry> <priority>}. Fetch and reclaim run while the queue is paused for everyone else: inside one
 * MULTI/EXEC the pause flag is lifted for just that script, so the test decides which process gets the job.
 * Talks RESP over a plain socket so it needs nothing but the JDK and the scripts.
 */
public final class StallingConsumer {

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String consumer = args[1];
    try (Socket socket = new Socket("127.0.0.1", port);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      System.out.println("READY");
      String line;
      while ((line = commands.readLine()) != null) {
        String[] words = line.trim().split(" ");
        if (words[0].equals("fetch")) {
          List<?> result = (List<?>) whilePausedForOthers(out, in, words[1], QueueScripts.FETCH, List.of(words[1], consumer, words[2],
              Long.toString(System.currentTimeMillis()), "-1"));
          if ("jobs".equals(result.get(0))) {
            printJobs((List<?>) result.get(1));
          }
          System.out.println("FETCHED");
        } else if (words[0].equals("reclaim")) {
          List<?> result = (List<?>) whilePausedForOthers(out, in, words[1], QueueScripts.RECLAIM, List.of(words[1], consumer, words[2],
              words[3], Long.toString(System.currentTimeMillis()), "5000", "604800000", "0"));
          printJobs(result);
          System.out.println("FETCHED");
        } else if (words[0].equals("complete")) {
          Object reply = eval(out, in, QueueScripts.COMPLETE, List.of(words[1], Long.toString(System.currentTimeMillis()),
              "1000", "86400000", "0", consumer, "0", "-1", words[2], words[3], words[4], words[5], "", ""));
          System.out.println("COMPLETED " + ((List<?>) ((List<?>) reply).get(0)).get(0));
        }
        System.out.flush();
      }
    }
  }

  private static void printJobs(List<?> jobs) {
    for (Object job : jobs) {
      List<?> fields = (List<?>) job;
      System.out.println("JOB " + fields.get(0) + " " + fields.get(3) + " " + fields.get(1) + " " + fields.get(2));
    }
  }

  /** MULTI, DEL paused, EVAL, SET paused, EXEC: no other consumer can see the queue unpaused meanwhile. */
  private static Object whilePausedForOthers(OutputStream out, DataInputStream in, String base, LuaScript script,
      List<String> args) throws IOException {
    send(out, List.of("MULTI"));
    read(in);
    send(out, List.of("DEL", base + "paused"));
    read(in);
    List<String> eval = new ArrayList<>(List.of("EVAL", script.source(), "0"));
    eval.addAll(args);
    send(out, eval);
    read(in);
    send(out, List.of("SET", base + "paused", "1"));
    read(in);
    send(out, List.of("EXEC"));
    return ((List<?>) read(in)).get(1);
  }

  private static Object eval(OutputStream out, DataInputStream in, LuaScript script, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("EVAL");
    command.add(script.source());
    command.add("0");
    command.addAll(args);
    send(out, command);
    return read(in);
  }

  private static void send(OutputStream out, List<String> command) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + command.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String part : command) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      buffer.writeBytes(bytes);
      buffer.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(buffer.toByteArray());
    out.flush();
  }

  private static Object read(DataInputStream in) throws IOException {
    char type = (char) in.readByte();
    String line = readLine(in);
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
        in.readFully(bytes);
        readLine(in);
        return new String(bytes, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(read(in));
        }
        return items;
      }
      default:
        throw new IOException("Unexpected reply type " + type);
    }
  }

  private static String readLine(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != '\r') {
      line.append((char) c);
    }
    in.read();
    return line.toString();
  }
}
