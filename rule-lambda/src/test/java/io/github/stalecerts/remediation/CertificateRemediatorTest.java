package io.github.stalecerts.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.iam.IamUser;
import io.github.stalecerts.remediation.RemediationResult.Outcome;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.SigningCertificate;
import io.github.stalecerts.testing.InMemoryIam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The remediation's decisions over an in-memory IAM: what it deactivates, keeps, and refuses. */
class CertificateRemediatorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final InMemoryIam iam = new InMemoryIam();
    private final List<String> lookups = new ArrayList<>();

    private CertificateRemediator remediator(Optional<UserNames> names, RuleParameters parameters) {
        return new CertificateRemediator(iam, names, new Evaluator(parameters, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private CertificateRemediator remediator() {
        return remediator(Optional.empty(), RuleParameters.DEFAULTS);
    }

    private static SigningCertificate certificate(String id, boolean active, int daysOld, int daysToExpiry) {
        return new SigningCertificate(id, active, NOW.minus(Duration.ofDays(daysOld)),
                Optional.of(NOW.plus(Duration.ofDays(daysToExpiry))));
    }

    @Test
    void deactivatesOnlyTheStaleCertificates() {
        IamUser alice = iam.add("alice", certificate("FRESH", true, 10, 400), certificate("EXPIRING", true, 10, 5));

        RemediationResult result = remediator().byResourceId(alice.userId(), false);

        assertEquals(Outcome.DEACTIVATED, result.outcome());
        assertEquals(RemediationResult.Change.DEACTIVATE, result.change());
        assertEquals(List.of("EXPIRING"), result.stale());
        assertEquals(List.of("EXPIRING"), result.changed());
        assertEquals(List.of("FRESH"), result.kept());
        assertEquals(Optional.empty(), result.failure());
        assertEquals(List.of("alice/EXPIRING"), iam.deactivated);
        assertEquals("deactivated 1 stale certificate(s) of alice; kept 1 fresh one(s)", result.message());
    }

    @Test
    void aDryRunChangesNothing() {
        IamUser alice = iam.add("alice", certificate("OLD", true, 200, 400));

        RemediationResult result = remediator().byResourceId(alice.userId(), true);

        assertEquals(Outcome.DEACTIVATED, result.outcome());
        assertTrue(result.dryRun());
        assertEquals(List.of("OLD"), result.changed());
        assertEquals(List.of(), iam.deactivated);
        assertEquals(0, iam.count("iam:UpdateSigningCertificate"));
    }

    @Test
    void inactiveCertificatesAreNeitherDeactivatedNorKept() {
        IamUser alice = iam.add("alice", certificate("OLDINACTIVE", false, 500, -10));

        RemediationResult result = remediator().byResourceId(alice.userId(), false);

        assertEquals(Outcome.NOTHING_STALE, result.outcome());
        assertEquals(List.of(), result.kept());
        assertEquals(List.of(), iam.deactivated);
    }

    @Test
    void anExemptUserIsLeftAlone() {
        IamUser alice = iam.add("alice", Map.of("cert-exempt", "true"), certificate("OLD", true, 500, 400));

        RemediationResult result = remediator(Optional.empty(), RuleParameters.parse(Map.of("exemptTagKey", "cert-exempt")))
                .byResourceId(alice.userId(), false);

        assertEquals(Outcome.EXEMPT, result.outcome());
        assertEquals(0, iam.count("iam:ListSigningCertificates"));
        assertEquals(List.of(), iam.deactivated);
    }

    @Test
    void theRootAccountIsNotRemediable() {
        RemediationResult result = remediator().byResourceId(InMemoryIam.ACCOUNT_ID, false);

        assertEquals(Outcome.ROOT_NOT_REMEDIABLE, result.outcome());
        assertEquals(List.of(), iam.calls, "IAM is not asked");
    }

    @Test
    void configsRecordMapsTheIdWithoutPagingIam() {
        IamUser alice = iam.add("alice", certificate("OLD", true, 200, 400));
        UserNames names = id -> {
            lookups.add(id);
            return id.equals(alice.userId()) ? Optional.of("alice") : Optional.empty();
        };

        RemediationResult result = remediator(Optional.of(names), RuleParameters.DEFAULTS).byResourceId(alice.userId(), false);

        assertEquals(Outcome.DEACTIVATED, result.outcome());
        assertEquals(List.of(alice.userId()), lookups);
        assertEquals(0, iam.count("iam:GetAccountAuthorizationDetails"), "no IAM paging needed");
        assertEquals(1, iam.count("iam:GetUser"));
    }

    @Test
    void aNameConfigRecordedForAnotherUserIdFallsBackToPagingIam() {
        IamUser alice = iam.add("alice", certificate("OLD", true, 200, 400));
        UserNames stale = id -> Optional.of("bob-who-was-deleted");

        RemediationResult result = remediator(Optional.of(stale), RuleParameters.DEFAULTS).byResourceId(alice.userId(), false);

        assertEquals(Outcome.DEACTIVATED, result.outcome());
        assertEquals("alice", result.userName());
        assertEquals(1, iam.count("iam:GetAccountAuthorizationDetails"));
    }

    @Test
    void unknownIdsAndNamesChangeNothing() {
        RemediationResult byId = remediator().byResourceId("AIDANOSUCHUSER00001", false);
        RemediationResult byName = remediator().byUserName("nobody", false);

        assertEquals(Outcome.USER_NOT_FOUND, byId.outcome());
        assertTrue(byId.message().contains("AIDANOSUCHUSER00001"), byId.message());
        assertEquals(Outcome.USER_NOT_FOUND, byName.outcome());
        assertTrue(byName.message().contains("nobody"), byName.message());
        assertFalse(iam.calls.stream().anyMatch(c -> c.startsWith("iam:UpdateSigningCertificate")));
    }

    @Test
    void byUserNameJudgesWithTheGivenParameters() {
        iam.add("alice", certificate("MIDDLEAGED", true, 60, 400));

        RemediationResult lenient = remediator().byUserName("alice", true);
        RemediationResult strict = remediator(Optional.empty(), RuleParameters.parse(Map.of("maxCertificateAgeDays", "30")))
                .byUserName("alice", true);

        assertEquals(Outcome.NOTHING_STALE, lenient.outcome());
        assertEquals(List.of("MIDDLEAGED"), lenient.kept());
        assertEquals(Outcome.DEACTIVATED, strict.outcome());
        assertEquals("would deactivate 1 stale certificate(s) of alice", strict.message());
    }
}
