package io.github.stalecerts.bench;

import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.handler.ConfigRuleHandler;
import io.github.stalecerts.testing.Events;
import io.github.stalecerts.testing.TestContext;
import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * Run in a fresh JVM on the shaded jar: one change-triggered invocation for one user through the
 * handler's default constructor (clients from the environment: AWS_ENDPOINT_URL, AWS_REGION,
 * credentials), then prints the time from JVM start to the handler returning, and its summary
 * line (which carries the API calls it made).
 * Usage: ColdStart USER_ID USER_NAME
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) {
        String summary = new ConfigRuleHandler().handleRequest(
                Events.userChanged(args[0], args[1], Instant.now(), "OK", Invocation.TEST_MODE_TOKEN, false),
                new TestContext());
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("coldstart ms=" + ms + " | " + summary);
    }
}
