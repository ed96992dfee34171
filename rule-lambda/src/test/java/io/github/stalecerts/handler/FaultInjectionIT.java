package io.github.stalecerts.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.aws.AwsClients;
import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.testing.Events;
import io.github.stalecerts.testing.FaultProxy;
import io.github.stalecerts.testing.MotoAccount;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.TestClients;
import io.github.stalecerts.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The handler through the real SDK (the Lambda's clients: adaptive retries, URLConnection) over
 * HTTP to a proxy in front of moto that adds latency and answers 30% of IAM and Config calls with
 * throttling and 10% with a 5xx, in their real wire formats. Whatever the faults, every principal
 * either gets exactly its fault-free verdict or is named unread (in the log, one line each), and
 * nothing that was not read is reported.
 */
@ExtendWith(MotoServer.class)
class FaultInjectionIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    /**
     * Two seeds whose runs both reach the end with some principals unread (1 and 4 of 16). Under 30%
     * throttling the adaptive retry mode slows the client to about one call a second, so each run
     * takes tens of seconds.
     */
    private static final long[] SEEDS = {1, 2};

    /** What one run did: evaluations that reached Config, principals named unread, or the error that stopped it. */
    private record Outcome(Map<String, String> reported, Set<String> unread, String failure) {
    }

    @Test
    void underThrottlingAndServerErrorsEveryPrincipalGetsItsVerdictOrIsNamedUnread() throws Exception {
        MotoAccount account = new MotoAccount(TestClients.iam(MotoServer.endpoint()));
        Instant now = Instant.now();
        for (int i = 1; i <= 16; i++) {
            String name = "user-%02d".formatted(i);
            account.user(name);
            if (i % 4 == 0) {
                account.certificate(name, now.plus(Duration.ofDays(i % 8 == 0 ? 5 : 700)));
            }
        }

        Outcome clean = run(FaultProxy.Faults.NONE);
        assertEquals(16, clean.reported().size(), clean.toString());
        assertTrue(clean.unread().isEmpty() && clean.failure() == null, clean.toString());

        int completeOrNamed = 0;
        int withUnread = 0;
        long faults = 0;
        for (long seed : SEEDS) {
            Outcome faulted;
            try (FaultProxy proxy = proxy(new FaultProxy.Faults(0.30, 0.10, seed))) {
                faulted = run(proxy);
                faults += proxy.throttledAnswers() + proxy.serverErrorAnswers();
            }
            faulted.reported().forEach((id, evaluation) ->
                    assertEquals(clean.reported().get(id), evaluation, "seed " + seed + ": " + id + " got another verdict"));
            Set<String> both = new HashSet<>(faulted.unread());
            both.retainAll(faulted.reported().keySet());
            assertTrue(both.isEmpty(), "seed " + seed + ": unread yet reported: " + both);
            if (faulted.failure() == null) {
                // The run got to the end: everyone is either reported or named.
                Set<String> accounted = new HashSet<>(faulted.reported().keySet());
                accounted.addAll(faulted.unread());
                assertEquals(clean.reported().keySet(), accounted, "seed " + seed);
                completeOrNamed++;
                withUnread += faulted.unread().isEmpty() ? 0 : 1;
            } else {
                // A call every principal depends on (the users, the report, PutEvaluations) failed after retries.
                assertTrue(faulted.failure().matches("(?s).*(iam|config):\\w+ .*"), faulted.failure());
            }
        }
        assertTrue(faults > 20, "the proxy injected " + faults + " faults");
        assertTrue(completeOrNamed >= SEEDS.length / 2, completeOrNamed + " of " + SEEDS.length + " runs reached the end");
        assertTrue(withUnread >= 1, "no run left a principal unread: the faults were all absorbed by retries");
    }

    private static FaultProxy proxy(FaultProxy.Faults faults) throws Exception {
        return new FaultProxy(MotoServer.endpoint(), Duration.ofMillis(5), faults);
    }

    private static Outcome run(FaultProxy.Faults faults) throws Exception {
        try (FaultProxy proxy = proxy(faults)) {
            return run(proxy);
        }
    }

    private static Outcome run(FaultProxy proxy) {
        AwsClients clients = AwsClients.at(proxy.endpoint(), CREDENTIALS);
        ConfigRuleHandler handler = new ConfigRuleHandler(TestClients.ruleRun(clients.iam(), clients.config(),
                clients.counter(), Clock.systemUTC(), Sleeper.REAL));
        TestContext context = new TestContext();
        Set<String> unread = new HashSet<>();
        String failure = null;
        try {
            handler.handleRequest(Events.scheduled(Instant.now(), Invocation.TEST_MODE_TOKEN, "{}"), context);
        } catch (IncompleteEvaluationException e) {
            if (e.getCause() != null) {
                failure = e.getMessage(); // reporting failed after the unread were named
            }
            for (String line : e.unreadableLines()) {
                unread.add(JsonParser.parseString(line).getAsJsonObject().get("resourceId").getAsString());
                assertTrue(context.lines.contains("ERROR " + line), "not in the log: " + line);
            }
            assertEquals(unread.size(), context.lines.stream().filter(l -> l.contains("\"event\":\"principal not read\"")).count());
        } catch (RuntimeException e) {
            failure = e.getMessage();
            assertFalse(context.lines.isEmpty(), "a failed run logs why");
        }
        Map<String, String> reported = new LinkedHashMap<>();
        proxy.succeeded("PutEvaluations").forEach(request -> {
            for (JsonElement element : JsonParser.parseString(request.body()).getAsJsonObject().getAsJsonArray("Evaluations")) {
                JsonObject evaluation = element.getAsJsonObject();
                String previous = reported.put(evaluation.get("ComplianceResourceId").getAsString(),
                        evaluation.get("ComplianceType").getAsString() + " " + evaluation.get("Annotation"));
                assertEquals(null, previous, "reported twice: " + evaluation);
            }
        });
        return new Outcome(reported, unread, failure);
    }
}
