package dev.switchboard.queue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.switchboard.queue.redis.CompleteArgs;
import dev.switchboard.queue.redis.FetchArgs;
import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.queue.redis.ReclaimArgs;
import dev.switchboard.queue.redis.ScriptArgs;
import dev.switchboard.testing.RespConnection;

/**
 * A second OS process that consumes like a replica does (the same fetch and complete scripts with the same argument
 * builders, its own consumer name) and then does whatever stdin tells it, so a test can kill it with SIGKILL mid-job
 * or let it try to complete a job that was taken over. Arguments: Redis port, consumer name, key prefix. Commands:
 * {@code fetch <queue> <n>}, {@code reclaim <queue> <min-idle-ms> <n>}, {@code complete <queue> <id> <token> <entry>
 * <priority>}. Fetch and reclaim run while the queue is paused for everyone else: inside one MULTI/EXEC the pause flag is
 * lifted for just that script, so the test decides which process gets the job. Talks RESP over a plain socket
 * ({@link RespConnection}) so it needs nothing but the JDK and the scripts.
 */
public final class StallingConsumer {

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String consumer = args[1];
    String prefix = args[2];
    try (RespConnection redis = new RespConnection(port);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("READY");
      String line;
      while ((line = commands.readLine()) != null) {
        String[] words = line.trim().split(" ");
        QueueKeys keys = new QueueKeys(prefix, words[1]);
        if (words[0].equals("fetch")) {
          List<?> result = (List<?>) whilePausedForOthers(redis, keys,
              new FetchArgs(keys).consumer(consumer).count(Integer.parseInt(words[2])));
          if ("jobs".equals(result.get(0))) {
            printJobs((List<?>) result.get(1));
          }
          System.out.println("FETCHED");
        } else if (words[0].equals("reclaim")) {
          List<?> result = (List<?>) whilePausedForOthers(redis, keys, new ReclaimArgs(keys).consumer(consumer)
              .minIdle(Long.parseLong(words[2])).count(Integer.parseInt(words[3])));
          printJobs(result);
          System.out.println("FETCHED");
        } else if (words[0].equals("complete")) {
          CompleteArgs completion = new CompleteArgs(keys).consumer(consumer)
              .job(words[2], Integer.parseInt(words[3]), words[4], Integer.parseInt(words[5]), null);
          Object reply = redis.eval(completion.script(), completion.keys(), completion.args());
          System.out.println("COMPLETED " + ((List<?>) ((List<?>) reply).get(0)).get(0));
        }
        System.out.flush();
      }
    }
  }

  private static Object whilePausedForOthers(RespConnection redis, QueueKeys keys, ScriptArgs call) throws IOException {
    return redis.evalWhilePausedForOthers(keys.paused(), call.script(), call.keys(), call.args());
  }

  private static void printJobs(List<?> jobs) {
    for (Object job : jobs) {
      List<?> fields = (List<?>) job;
      System.out.println("JOB " + fields.get(0) + " " + fields.get(3) + " " + fields.get(1) + " " + fields.get(2));
    }
  }
}
