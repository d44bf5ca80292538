package dev.switchboard.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.queue.redis.PageArgs;
import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.queue.redis.QueueScripts;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Read-only views of a queue for operators: listings a page at a time from a cursor (page.lua: Redis work in proportion
 * to the page, whatever the backlog), per-second throughput, and each group's load against its limit.
 */
@ApplicationScoped
public class QueueBrowser {

  /** How many jobs one search call looks at, matched or not: the bound on a search's cost per call. */
  public static final int SEARCH_BUDGET = 500;

  private static final String[] LISTED_FIELDS = {"id", "state", "data", "prio", "group", "attempts", "max", "created", "started",
      "finished", "due", "err", "errClass", "result"};

  private final QueueScripts scripts;
  private final QueueRegistry registry;
  private final ReactiveRedisDataSource redis;

  public QueueBrowser(QueueScripts scripts, QueueRegistry registry,
      @RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis) {
    this.scripts = scripts;
    this.registry = registry;
    this.redis = redis;
  }

  /**
   * A page of jobs in {@code state} after {@code cursor}; with a {@code query}, only jobs whose id, group, data or result
   * contains it, looking at no more than {@link #SEARCH_BUDGET} jobs per call.
   */
  public Uni<JobPage> page(String queue, JobState state, String cursor, int limit, String query) {
    boolean searching = query != null && !query.isEmpty();
    PageArgs args = new PageArgs(keys(queue)).state(state.wireName()).after(cursor)
        .page(limit, searching ? SEARCH_BUDGET : limit).matching(query);
    return this.scripts.run(args).chain(response -> {
      String next = response.get(0).toString();
      int scanned = response.get(1).toInteger();
      List<Uni<Optional<Job>>> lookups = new ArrayList<>();
      response.get(2).forEach(id -> lookups.add(summary(queue, id.toString())));
      Uni<List<Job>> found = lookups.isEmpty() ? Uni.createFrom().item(List.of())
          : Uni.join().all(lookups).andFailFast().map(all -> all.stream().flatMap(Optional::stream).toList());
      return found.map(list -> new JobPage(queue, state.wireName(), list, next.isEmpty() ? null : next, scanned));
    });
  }

  /** A job for a listing: every field but its attempt history (stacks are for the detail view). One HMGET. */
  private Uni<Optional<Job>> summary(String queue, String id) {
    String[] args = new String[LISTED_FIELDS.length + 1];
    args[0] = keys(queue).job(id);
    System.arraycopy(LISTED_FIELDS, 0, args, 1, LISTED_FIELDS.length);
    return this.redis.execute(Command.HMGET, args).map(values -> {
      Map<String, String> hash = new HashMap<>();
      for (int i = 0; i < LISTED_FIELDS.length; i++) {
        Response value = values.get(i);
        if (value != null) {
          hash.put(LISTED_FIELDS[i], value.toString());
        }
      }
      return hash.containsKey("state") ? Optional.of(Job.fromHash(queue, hash)) : Optional.<Job>empty();
    });
  }

  /** Completed jobs and failed attempts per second over the last {@code seconds} (at most 15 minutes), all replicas. */
  public Uni<Throughput> throughput(String queue, int seconds) {
    QueueKeys keys = keys(queue);
    long now = System.currentTimeMillis() / 1000;
    long from = now - seconds + 1;
    List<Request> reads = new ArrayList<>();
    for (long minute = from / 60; minute <= now / 60; minute++) {
      reads.add(Request.cmd(Command.HGETALL).arg(keys.throughput(minute)));
    }
    return this.redis.getRedis().batch(reads).map(responses -> {
      long[] completed = new long[seconds];
      long[] failed = new long[seconds];
      for (Response minute : responses) {
        for (String field : minute.getKeys()) {
          long second = Long.parseLong(field.substring(1));
          if (second >= from && second <= now) {
            long count = minute.get(field).toLong();
            (field.charAt(0) == 'c' ? completed : failed)[(int) (second - from)] += count;
          }
        }
      }
      return new Throughput(queue, from, toList(completed), toList(failed));
    });
  }

  /** Each group's jobs in flight against its limit and those parked behind it: the given groups and any with parked jobs. */
  public Uni<List<GroupLoad>> groups(String queue, Collection<String> knownGroups) {
    QueueSettings settings = this.registry.settings(queue);
    QueueKeys keys = settings.keys();
    return this.redis.execute("SMEMBERS", keys.groups()).chain(parked -> {
      Set<String> groups = new LinkedHashSet<>(knownGroups);
      parked.forEach(group -> groups.add(group.toString()));
      if (groups.isEmpty()) {
        return Uni.createFrom().item(List.<GroupLoad>of());
      }
      List<String> names = groups.stream().sorted().toList();
      List<Request> reads = new ArrayList<>();
      for (String group : names) {
        reads.add(Request.cmd(Command.ZCARD).arg(keys.groupActive(group)));
        reads.add(Request.cmd(Command.ZCARD).arg(keys.groupWaiting(group)));
        reads.add(Request.cmd(Command.HGET).arg(keys.groupLimits()).arg(group));
      }
      return this.redis.getRedis().batch(reads).map(responses -> {
        List<GroupLoad> loads = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
          Response limit = responses.get(3 * i + 2);
          loads.add(new GroupLoad(names.get(i), responses.get(3 * i).toLong(),
              limit == null ? settings.groupConcurrency() : limit.toInteger(), responses.get(3 * i + 1).toLong()));
        }
        return loads;
      });
    });
  }

  private QueueKeys keys(String queue) {
    return this.registry.settings(queue).keys();
  }

  private static List<Long> toList(long[] values) {
    List<Long> list = new ArrayList<>(values.length);
    for (long value : values) {
      list.add(value);
    }
    return list;
  }
}
