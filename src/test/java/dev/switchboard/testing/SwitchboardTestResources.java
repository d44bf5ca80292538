package dev.switchboard.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Declares the test resources every Quarkus test of this project runs with. */
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestSettings.class, scope = TestResourceScope.GLOBAL)
public final class SwitchboardTestResources {

  private SwitchboardTestResources() {
  }
}
