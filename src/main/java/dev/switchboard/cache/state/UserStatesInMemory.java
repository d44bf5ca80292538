package dev.switchboard.cache.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.cache.store.MemoryStore;
import dev.switchboard.cache.store.Payloads;

/** The user-state operations that walk the states while they live in the fallback (no index there). */
final class UserStatesInMemory {

  private final MemoryStore memory;
  private final String prefix;
  private final String index;
  private final ObjectMapper mapper;

  UserStatesInMemory(MemoryStore memory, String prefix, ObjectMapper mapper) {
    this.memory = memory;
    this.prefix = prefix;
    this.index = prefix + "_index";
    this.mapper = mapper;
  }

  /** {@code <tenant>:<phone>} of the phone's states. */
  List<String> membersOf(String phone) {
    List<String> members = new ArrayList<>();
    states().keySet().forEach(key -> {
      String member = key.substring(this.prefix.length());
      if (member.endsWith(":" + phone)) {
        members.add(member);
      }
    });
    return members;
  }

  long count() {
    return states().size();
  }

  long clearOlderThan(long cutoff) {
    long cleared = 0;
    for (Map.Entry<String, String> state : states().entrySet()) {
      if (updatedAt(state.getValue()) < cutoff) {
        cleared += this.memory.unlink(state.getKey());
      }
    }
    return cleared;
  }

  private Map<String, String> states() {
    Map<String, String> states = this.memory.entriesWithPrefix(this.prefix);
    states.remove(this.index);
    states.values().removeIf(Payloads::isTombstone);
    return states;
  }

  private long updatedAt(String payload) {
    try {
      return this.mapper.readTree(Payloads.json(payload)).path("updatedAt").asLong(Long.MAX_VALUE);
    } catch (JsonProcessingException e) {
      return Long.MAX_VALUE;
    }
  }
}
