package dev.switchboard.cache.warm;

import java.util.List;

/** A bean that names entries to warm at start-up (and on every {@link CacheWarmer#warmAll}): implement it and make it a bean. */
public interface CacheWarmup {

  List<WarmEntry<?>> entries();
}
