package dev.switchboard.queue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.switchboard.testing.RespConnection;

/**
 * A second OS process that consumes like a replica does (the same fetch and complete scripts, its own consumer
 * name) and then does whatever stdin tells it, so a test can kill it with SIGKILL mid-job or let it try to
 * complete a job that was taken over. Commands: {@code fetch <queue-base> <n>}, {@code reclaim <queue-base> <min-idle-ms> <n>},
 * {@code complete <queue-base> <id> <token> <entry> <priority>}. Fetch and reclaim run while the queue is paused for everyone else: inside one
 * MULTI/EXEC the pause flag is lifted for just that script, so the test decides which process gets the job.
 * Talks RESP over a plain socket ({@link RespConnection}) so it needs nothing but the JDK and the scripts.
 */
public final class StallingConsumer {

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String consumer = args[1];
    try (RespConnection redis = new RespConnection(port);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("READY");
      String line;
      while ((line = commands.readLine()) != null) {
        String[] words = line.trim().split(" ");
        if (words[0].equals("fetch")) {
          List<?> result = (List<?>) redis.evalWhilePausedForOthers(words[1], QueueScripts.FETCH, List.of(words[1], consumer, words[2],
              Long.toString(System.currentTimeMillis()), "-1"));
          if ("jobs".equals(result.get(0))) {
            printJobs((List<?>) result.get(1));
          }
          System.out.println("FETCHED");
        } else if (words[0].equals("reclaim")) {
          List<?> result = (List<?>) redis.evalWhilePausedForOthers(words[1], QueueScripts.RECLAIM, List.of(words[1], consumer, words[2],
              words[3], Long.toString(System.currentTimeMillis()), "5000", "604800000", "0"));
          printJobs(result);
          System.out.println("FETCHED");
        } else if (words[0].equals("complete")) {
          Object reply = redis.eval(QueueScripts.COMPLETE, List.of(words[1], Long.toString(System.currentTimeMillis()),
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
}
