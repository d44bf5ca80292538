package dev.switchboard.cache.helpers;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.warm.CacheWarmup;
import dev.switchboard.cache.warm.WarmEntry;
import io.smallrye.mutiny.Uni;

/** An application bean naming one entry to warm at start-up, as a feature of the service would. */
@ApplicationScoped
public class TestWarmup implements CacheWarmup {

  static final String KEY = "warmed-at-start-up";
  static final String VALUE = "warm";

  @Override
  public List<WarmEntry<?>> entries() {
    return List.of(new WarmEntry<>(CacheNamespaces.SALON, KEY, String.class, () -> Uni.createFrom().item(VALUE), null));
  }
}
