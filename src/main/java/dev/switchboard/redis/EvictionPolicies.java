package dev.switchboard.redis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code maxmemory-policy} of every master of the queue Redis: one entry for a standalone Redis, one per master
 * of a cluster (each holds a share of the queues, so each must be {@code noeviction}). A null policy could not be
 * read (managed services may refuse); no entries at all: the masters could not be listed.
 */
public record EvictionPolicies(List<Node> nodes) {

  public static final String REQUIRED = "noeviction";

  /** One master; {@code name} is null for a standalone Redis. */
  public record Node(String name, String policy) {
  }

  public static EvictionPolicies unknown() {
    return new EvictionPolicies(List.of());
  }

  /** The policy to report: the one every master has, else the first that is not {@value #REQUIRED}. */
  public Optional<String> policy() {
    List<String> read = this.nodes.stream().map(Node::policy).filter(Objects::nonNull).distinct().toList();
    if (read.size() <= 1) {
      return read.stream().findFirst();
    }
    return read.stream().filter(policy -> !REQUIRED.equals(policy)).findFirst();
  }

  /** The masters whose policy was read and may evict keys. */
  public List<Node> evicting() {
    return this.nodes.stream().filter(node -> node.policy() != null && !REQUIRED.equals(node.policy())).toList();
  }

  /** The masters whose policy could not be read (all of them when none could be listed). */
  public boolean anyUnread() {
    return this.nodes.isEmpty() || this.nodes.stream().anyMatch(node -> node.policy() == null);
  }

  /** What an operator must fix, or empty: e.g. "maxmemory-policy is allkeys-lru on 10.0.0.7:6379, queues need noeviction". */
  public Optional<String> warning() {
    List<Node> evicting = evicting();
    if (evicting.isEmpty()) {
      return Optional.empty();
    }
    String where = evicting.stream().map(node -> node.name() == null ? node.policy() : node.policy() + " on " + node.name())
        .collect(Collectors.joining(", "));
    return Optional.of("maxmemory-policy is " + where + ", queues need " + REQUIRED);
  }
}
