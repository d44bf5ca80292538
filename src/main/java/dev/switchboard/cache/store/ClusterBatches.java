package dev.switchboard.cache.store;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Bulk commands on a Redis Cluster: keys grouped by master, one pipeline per master sent to all masters at once
 * (one round trip each, in parallel), every command inside single-slot. A master that answers with a redirection
 * (its slots moved) gets its keys sent one by one through the cluster client, which follows redirections; the
 * returned flag then tells the caller to read the topology again.
 */
final class ClusterBatches {

  /** Commands per pipeline; the node pools wait for at most 2048 replies per connection. */
  static final int PIPELINE = 1000;
  /** Commands in flight at once when sent one by one. */
  static final int IN_FLIGHT = 32;

  private ClusterBatches() {
  }

  /** MGET per slot, pipelined per master; fills {@code values} in the keys' order. True when no fallback was needed. */
  static Uni<Boolean> getAll(Redis router, RedisTopology.Topology topology, List<String> keys, String[] values) {
    Map<RedisTopology.Node, Map<Integer, List<Integer>>> byNode = new IdentityHashMap<>();
    List<Integer> unowned = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      RedisTopology.Node node = topology.masterOf(keys.get(i));
      if (node == null) {
        unowned.add(i);
      } else {
        byNode.computeIfAbsent(node, n -> new LinkedHashMap<>()).computeIfAbsent(HashSlot.of(keys.get(i)), s -> new ArrayList<>()).add(i);
      }
    }
    List<Uni<Boolean>> parts = new ArrayList<>();
    byNode.forEach((node, slots) -> {
      List<Request> mgets = new ArrayList<>();
      List<List<Integer>> groups = new ArrayList<>(slots.values());
      for (List<Integer> group : groups) {
        Request mget = Request.cmd(Command.MGET);
        group.forEach(index -> mget.arg(keys.get(index)));
        mgets.add(mget);
      }
      parts.add(pipeline(node.client(), mgets).map(replies -> {
        for (int g = 0; g < groups.size(); g++) {
          List<Integer> group = groups.get(g);
          for (int j = 0; j < group.size(); j++) {
            values[group.get(j)] = RedisStore.string(replies.get(g).get(j));
          }
        }
        return true;
      }).onFailure().recoverWithUni(failure -> {
        Log.debugf("Pipeline to %s failed (%s): its keys go one by one", node.endpoint(), failure.getMessage());
        return getEach(router, keys, flatten(groups), values);
      }));
    });
    if (!unowned.isEmpty()) {
      parts.add(getEach(router, keys, unowned, values));
    }
    return Uni.join().all(parts).andFailFast().map(results -> results.stream().allMatch(Boolean::booleanValue));
  }

  /** Single-key commands, pipelined per master of their key. True when no fallback was needed. */
  static Uni<Boolean> send(Redis router, RedisTopology.Topology topology, Map<String, Request> byKey) {
    Map<RedisTopology.Node, Map<String, Request>> byNode = new IdentityHashMap<>();
    Map<String, Request> unowned = new LinkedHashMap<>();
    byKey.forEach((key, request) -> {
      RedisTopology.Node node = topology.masterOf(key);
      (node == null ? unowned : byNode.computeIfAbsent(node, n -> new LinkedHashMap<>())).put(key, request);
    });
    List<Uni<Boolean>> parts = new ArrayList<>();
    byNode.forEach((node, requests) -> parts.add(pipeline(node.client(), new ArrayList<>(requests.values())).replaceWith(true)
        .onFailure().recoverWithUni(failure -> {
          Log.debugf("Pipeline to %s failed (%s): its commands go one by one", node.endpoint(), failure.getMessage());
          return sendEach(router, requests).replaceWith(false);
        })));
    if (!unowned.isEmpty()) {
      parts.add(sendEach(router, unowned).replaceWith(false));
    }
    return Uni.join().all(parts).andFailFast().map(results -> results.stream().allMatch(Boolean::booleanValue));
  }

  /**
   * Each command on its own through the cluster client (which routes it and follows redirections), a bounded number
   * at a time so that the client's connection pools do not overflow.
   */
  static Uni<List<Response>> sendEach(Redis router, Map<String, Request> requests) {
    return Multi.createFrom().iterable(requests.values()).onItem().transformToUni(router::send).merge(IN_FLIGHT).collect().asList();
  }

  /** One pipeline per {@value #PIPELINE} commands: a connection holds only so many replies it waits for. */
  static Uni<List<Response>> pipeline(Redis client, List<Request> requests) {
    if (requests.size() <= PIPELINE) {
      return client.batch(requests);
    }
    List<Uni<List<Response>>> chunks = new ArrayList<>();
    for (int from = 0; from < requests.size(); from += PIPELINE) {
      chunks.add(client.batch(requests.subList(from, Math.min(requests.size(), from + PIPELINE))));
    }
    return Uni.join().all(chunks).andFailFast().map(parts -> {
      List<Response> all = new ArrayList<>(requests.size());
      parts.forEach(all::addAll);
      return all;
    });
  }

  private static Uni<Boolean> getEach(Redis router, List<String> keys, List<Integer> indexes, String[] values) {
    return Multi.createFrom().iterable(indexes).onItem().transformToUni(index -> router.send(Request.cmd(Command.GET).arg(keys.get(index)))
        .invoke(reply -> values[index] = RedisStore.string(reply))).merge(IN_FLIGHT).collect().last().replaceWith(false);
  }

  private static List<Integer> flatten(List<List<Integer>> groups) {
    List<Integer> all = new ArrayList<>();
    groups.forEach(all::addAll);
    return all;
  }
}
