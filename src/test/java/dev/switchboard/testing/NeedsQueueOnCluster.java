package dev.switchboard.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A cluster test that needs jobs to be consumed on the cluster: it passes once every queue script declares a
 * hash-tagged KEYS[1] (issue 14's queue layer), and fails with "non local key" before. Such tests are left out by the
 * tag filter in the pom ({@code cluster.excluded-tags}) until then; {@code -Dcluster.excluded-tags=none} runs them.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Tag(NeedsQueueOnCluster.TAG)
public @interface NeedsQueueOnCluster {

  String TAG = "queue-on-cluster";
}
