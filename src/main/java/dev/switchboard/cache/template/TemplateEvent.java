package dev.switchboard.cache.template;

import java.time.Instant;

/** One entry of the template-cache event log. */
public record TemplateEvent(Instant at, String key, Kind kind) {

  /** What happened: a lookup found the template, did not, or a creator made one. */
  public enum Kind {
    HIT, MISS, CREATION
  }
}
