package dev.switchboard.send;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every Quarkus test of this project (and the packaged app in ITs) sends to the fake Graph API, never to Meta. */
@WithTestResource(value = FakeGraph.class, scope = TestResourceScope.GLOBAL)
public final class SendTestResources {

  private SendTestResources() {
  }
}
