package dev.switchboard.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheResult;
import dev.switchboard.cache.CacheService;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import dev.switchboard.support.Digests;
import dev.switchboard.webhook.processing.InboundMessage;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.list.ReactiveListCommands;
import io.smallrye.mutiny.Uni;

/**
 * Inbound conversations per tenant and customer: a dedupe marker per message id, a capped history and the
 * conversation state, written together by one Lua script (one round trip, atomic: a redelivery is dropped or the
 * message is stored with its state, never half). Keys share the hash tag {@code {<tenant>:<user>}}:
 * <pre>
 * sb:seen:{acme:15550142876}:&lt;digest of the message id&gt;   dedupe marker, TTL conversation.dedupe-ttl
 * sb:history:{acme:15550142876}                            list of JSON messages, newest first, capped
 * sb:state:{acme:15550142876}                              hash: lastInboundAt, lastMessageType, lastMessagePreview, unread...
 * </pre>
 * They live on the queue Redis (never evicted: a lost marker would let a redelivery through). Reads of the state go
 * through the cache (namespace {@code conversation}, key {@code <tenant>:<user>}, so
 * {@code sb:cache:conversation:<tenant>:<user>}), which each new message invalidates.
 */
@ApplicationScoped
public class ConversationStore {

  private static final LuaScript APPEND = LuaScript.fromResources("conversation/lua/append.lua");

  private final ReactiveRedisDataSource redis;
  private final ReactiveListCommands<String, String> lists;
  private final ReactiveHashCommands<String, String, String> hashes;
  private final CacheService cache;
  private final ObjectMapper mapper;
  private final String prefix;
  private final SwitchboardConfig.Conversation settings;

  public ConversationStore(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, CacheService cache, ObjectMapper mapper,
      SwitchboardConfig config) {
    this.redis = redis;
    this.lists = redis.list(String.class);
    this.hashes = redis.hash(String.class);
    this.cache = cache;
    this.mapper = mapper;
    this.prefix = config.keyPrefix();
    this.settings = config.conversation();
  }

  /** Stores the message in its customer's conversation; false when it was stored before (a redelivery). */
  public Uni<Boolean> append(String tenant, InboundMessage message, Instant receivedAt) {
    String user = normalizeUser(message.user());
    String tag = tag(tenant, user);
    ConversationMessage entry = new ConversationMessage(message.wamid(), message.type(), message.from(), message.fromUserId(),
        message.profileName(), message.sentAt(), receivedAt, message.text(), message.replyTo(), message.details(), message.errors());
    Instant at = message.sentAt() != null ? message.sentAt() : receivedAt;
    List<String> keys = List.of(this.prefix + ":seen:" + tag + ":" + Digests.sha256Hex(message.dedupeKey()).substring(0, 32),
        historyKey(tenant, user), stateKey(tenant, user));
    List<String> args = List.of(seconds(this.settings.dedupeTtl()), json(entry), Integer.toString(this.settings.historySize()),
        seconds(this.settings.historyTtl()), seconds(this.settings.stateTtl()), Long.toString(at.toEpochMilli()),
        Long.toString(receivedAt.toEpochMilli()), message.type(), preview(message), message.wamid(),
        message.profileName() == null ? "" : message.profileName(), "system".equals(message.type()) ? "0" : "1", user);
    return APPEND.run(this.redis, keys, args)
        .map(stored -> stored.toInteger() == 1)
        .call(stored -> stored ? invalidateCache(tenant, user) : Uni.createFrom().voidItem());
  }

  /** The newest {@code limit} messages of the conversation, newest first; empty when there is none. */
  public Uni<List<ConversationMessage>> messages(String tenant, String user, int limit) {
    String normalized = normalizeUser(user);
    return this.lists.lrange(historyKey(tenant, normalized), 0, limit - 1L).map(entries -> {
      List<ConversationMessage> messages = new ArrayList<>(entries.size());
      for (String entry : entries) {
        try {
          messages.add(this.mapper.readValue(entry, ConversationMessage.class));
        } catch (JsonProcessingException e) {
          Log.warnf("Skipped an unreadable history entry of tenant %s: %s", tenant, e.getOriginalMessage());
        }
      }
      return messages;
    });
  }

  public Uni<Optional<ConversationState>> state(String tenant, String user) {
    String normalized = normalizeUser(user);
    return this.hashes.hgetall(stateKey(tenant, normalized)).map(hash -> hash == null || hash.isEmpty()
        ? Optional.<ConversationState>empty()
        : Optional.of(ConversationState.fromHash(tenant, normalized, hash)));
  }

  /**
   * The state through the cache: a fresh cached copy (HIT), else read from the state hash and cached (MISS); a null
   * value when there is no state. Concurrent reads of one conversation, on any replica, read the hash once.
   */
  public Uni<CacheResult<ConversationState>> cachedState(String tenant, String user) {
    String normalized = normalizeUser(user);
    return this.cache.getOrSet(CacheNamespaces.CONVERSATION, tenant + ":" + normalized, ConversationState.class,
        () -> state(tenant, normalized).map(state -> state.orElse(null)));
  }

  public int historySize() {
    return this.settings.historySize();
  }

  /**
   * A cache miss costs a read; a stale entry would show an old unread count. Through the cache layer, so that every
   * replica's in-process copy goes too; cache trouble never fails the job.
   */
  private Uni<Void> invalidateCache(String tenant, String user) {
    return this.cache.delete(CacheNamespaces.CONVERSATION, tenant + ":" + user)
        .onFailure().invoke(failure -> Log.debugf("Conversation cache not invalidated: %s", failure.toString()))
        .onFailure().recoverWithNull()
        .replaceWithVoid();
  }

  String preview(InboundMessage message) {
    String text = message.text();
    if (text == null || text.isBlank()) {
      return "[" + message.type() + "]";
    }
    int max = this.settings.previewLength();
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  String historyKey(String tenant, String user) {
    return this.prefix + ":history:" + tag(tenant, user);
  }

  String stateKey(String tenant, String user) {
    return this.prefix + ":state:" + tag(tenant, user);
  }

  private static String tag(String tenant, String user) {
    return "{" + tenant + ":" + user + "}";
  }

  /** Phone numbers are keyed as Meta sends them, digits without a leading {@code +}. */
  public static String normalizeUser(String user) {
    String trimmed = user.trim();
    return trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
  }

  private String json(ConversationMessage entry) {
    try {
      return this.mapper.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("history entry cannot be written as JSON", e);
    }
  }

  private static String seconds(Duration duration) {
    return Long.toString(Math.max(1, duration.toSeconds()));
  }
}
