package dev.switchboard.cache.store;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
      parts.add(node.client().batch(mgets).map(replies -> {
        for (int g = 0; g < groups.size(); g++) {
          List<Integer> group = groups.get(g);
          for (int j = 0; j < group.size(); j++) {
            values[group.get(j)] = RedisStore.string(replies.get(g).get(j));
          }
        }
        return true;
      }).onFailure().recoverWithUni(() -> getEach(router, keys, flatten(groups), values)));
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
    byNode.forEach((node, requests) -> parts.add(node.client().batch(new ArrayList<>(requests.values())).replaceWith(true)
        .onFailure().recoverWithUni(() -> sendEach(router, requests).replaceWith(false))));
    if (!unowned.isEmpty()) {
      parts.add(sendEach(router, unowned).replaceWith(false));
    }
    return Uni.join().all(parts).andFailFast().map(results -> results.stream().allMatch(Boolean::booleanValue));
  }

  /** Each command on its own through the cluster client (which routes it and follows redirections), at once. */
  static Uni<List<Response>> sendEach(Redis router, Map<String, Request> requests) {
    List<Uni<Response>> each = new ArrayList<>();
    requests.values().forEach(request -> each.add(router.send(request)));
    return Uni.join().all(each).andFailFast();
  }

  private static Uni<Boolean> getEach(Redis router, List<String> keys, List<Integer> indexes, String[] values) {
    List<Uni<Void>> each = new ArrayList<>();
    for (int index : indexes) {
      each.add(router.send(Request.cmd(Command.GET).arg(keys.get(index))).invoke(reply -> values[index] = RedisStore.string(reply))
          .replaceWithVoid());
    }
    return Uni.join().all(each).andFailFast().replaceWith(false);
  }

  private static List<Integer> flatten(List<List<Integer>> groups) {
    List<Integer> all = new ArrayList<>();
    groups.forEach(all::addAll);
    return all;
  }
}
