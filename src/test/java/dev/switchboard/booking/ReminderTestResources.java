package dev.switchboard.booking;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Reminder settings of the test tenants: globex has reminder template defaults of its own, acme uses the service's.
 * A test resource, so the packaged app of the ITs gets them too.
 */
@WithTestResource(value = ReminderTestResources.class, scope = TestResourceScope.GLOBAL)
public class ReminderTestResources implements QuarkusTestResourceLifecycleManager {

  static final String GLOBEX_DAY_BEFORE = "globex_tomorrow";
  static final String GLOBEX_LANGUAGE = "de";

  @Override
  public Map<String, String> start() {
    return Map.of("switchboard.tenants.globex.reminders.template.day-before", GLOBEX_DAY_BEFORE,
        "switchboard.tenants.globex.reminders.template.language", GLOBEX_LANGUAGE);
  }

  @Override
  public void stop() {
  }
}
