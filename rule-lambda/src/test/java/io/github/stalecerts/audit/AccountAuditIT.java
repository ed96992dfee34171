package io.github.stalecerts.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.aws.ActionCatalogue;
import io.github.stalecerts.aws.ApiCallCounter;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.Verdict;
import io.github.stalecerts.testing.CatalogueCheck;
import io.github.stalecerts.testing.MotoAccount;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.RecordingSleeper;
import io.github.stalecerts.testing.ResponseRewriter;
import io.github.stalecerts.testing.RootRowInjector;
import io.github.stalecerts.testing.TestClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The inventory and the rule together, against moto server through the real SDK over HTTP.
 * moto stamps uploads with the real "now", so certificates are aged by evaluating with a later clock.
 */
@ExtendWith(MotoServer.class)
class AccountAuditIT {

    private static final Instant NOW = Instant.now();
    /** Ten days (and an hour, for the seconds the seeding takes) after every upload in these tests. */
    private static final Clock TEN_DAYS_LATER = Clock.fixed(NOW.plus(Duration.ofDays(10).plusHours(1)), ZoneOffset.UTC);

    private final ApiCallCounter counter = new ApiCallCounter();
    @RegisterExtension
    final CatalogueCheck catalogue = new CatalogueCheck(ActionCatalogue.Function.RULE);
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private MotoAccount account;

    @BeforeEach
    void seedClient() {
        account = new MotoAccount(TestClients.iam(MotoServer.endpoint()));
    }

    private AccountAudit audit(RuleParameters parameters, Clock clock, ExecutionInterceptor... interceptors) {
        ExecutionInterceptor[] all = new ExecutionInterceptor[interceptors.length + 2];
        all[0] = counter;
        all[1] = catalogue;
        System.arraycopy(interceptors, 0, all, 2, interceptors.length);
        IamClient iam = TestClients.iam(MotoServer.endpoint(), all);
        return new AccountAudit(new AwsIamDirectory(iam, sleeper), new Evaluator(parameters, clock), Optional.of(MotoServer.ACCOUNT_ID),
                AccountAudit.DEFAULT_LISTING_THREADS, Deadline.NONE);
    }

    private static RuleParameters params(String... pairs) {
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            raw.put(pairs[i], pairs[i + 1]);
        }
        return RuleParameters.parse(raw);
    }

    private static Map<String, Verdict> byName(AuditResult result) {
        return result.verdicts().stream().collect(Collectors.toMap(v -> v.principal().name(), Function.identity()));
    }

    @Test
    void pagesPastOneThousandUsersAndListsOnlyCertificateHolders() {
        for (int i = 0; i < 1_005; i++) {
            account.user(String.format("user-%04d", i));
        }
        account.certificate("user-0001", NOW.plus(Duration.ofDays(400)));
        account.certificate("user-0500", NOW.plus(Duration.ofDays(5)));
        account.certificate("user-1004", NOW.plus(Duration.ofDays(400)));
        account.deactivate("user-0700", account.certificate("user-0700", NOW.minus(Duration.ofDays(1))));

        AuditResult result = audit(RuleParameters.DEFAULTS, TEN_DAYS_LATER).all();

        assertEquals(1_005, result.verdicts().size(), "one verdict per user; moto's report has no root row");
        assertEquals(1_005, result.seenUserIds().size());
        Map<String, Verdict> verdicts = byName(result);
        assertEquals(Compliance.NON_COMPLIANT, verdicts.get("user-0500").compliance());
        assertEquals(Compliance.COMPLIANT, verdicts.get("user-0001").compliance());
        assertEquals(Compliance.COMPLIANT, verdicts.get("user-1004").compliance(), "a user on the second page");
        assertEquals(Compliance.COMPLIANT, verdicts.get("user-0700").compliance(), "an inactive certificate is ignored");
        assertEquals(1, result.verdicts().stream().filter(v -> v.compliance() == Compliance.NON_COMPLIANT).count());
        // k + 3 + pages: three active holders; report generated (STARTED), polled (COMPLETE), fetched; and
        // one page, because moto answers GetAccountAuthorizationDetails unpaged whatever MaxItems says
        // (AwsIamDirectoryFakeTest covers real paging at 1,000 with a local fake).
        assertEquals(Map.of(
                "iam:GetAccountAuthorizationDetails", 1L,
                "iam:ListSigningCertificates", 3L,
                "iam:GenerateCredentialReport", 2L,
                "iam:GetCredentialReport", 1L), counter.snapshot());
        assertEquals(0, sleeper.waits.size(), "the report was generated while the users were read: no wait");
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("<root_account>")), result.warnings().toString());
    }

    @Test
    void judgesEachCertificateState() {
        account.certificate(user("alice"), NOW.plus(Duration.ofDays(400)));
        account.certificate(user("bob"), NOW.plus(Duration.ofDays(20)));
        account.certificate(user("carol"), NOW.plus(Duration.ofDays(1)));
        account.deactivate("dave", account.certificate(user("dave"), NOW.minus(Duration.ofDays(1))));
        account.certificate(user("erin"), NOW.plus(Duration.ofDays(400)));
        String erinsExpired = account.certificate("erin", NOW.plus(Duration.ofDays(2)));
        user("frank");
        account.user("grace", Map.of("signing-cert-exempt", "true"));
        account.certificate("grace", NOW.plus(Duration.ofDays(1)));
        account.user("heidi", Map.of("signing-cert-exempt", "no"));
        account.certificate("heidi", NOW.plus(Duration.ofDays(1)));
        // IAM allows these characters in names; the unquoted comma breaks the report row.
        account.certificate(user("ivan,ops=admin+1@corp"), NOW.plus(Duration.ofDays(3)));

        AuditResult result = audit(params("maxCertificateAgeDays", "30", "exemptTagKey", "signing-cert-exempt"),
                TEN_DAYS_LATER).all();
        Map<String, Verdict> v = byName(result);

        assertEquals(Compliance.COMPLIANT, v.get("alice").compliance(), v.get("alice").annotation());
        assertEquals(Compliance.NON_COMPLIANT, v.get("bob").compliance());
        assertTrue(v.get("bob").annotation().contains("warning at 30 days"), v.get("bob").annotation());
        assertEquals(Compliance.NON_COMPLIANT, v.get("carol").compliance());
        assertTrue(v.get("carol").annotation().contains("expired"), v.get("carol").annotation());
        assertEquals(Compliance.COMPLIANT, v.get("dave").compliance());
        assertEquals("no active signing certificate", v.get("dave").annotation());
        assertEquals(Compliance.NON_COMPLIANT, v.get("erin").compliance());
        assertTrue(v.get("erin").annotation().startsWith("certificate " + erinsExpired.substring(0, 8)),
                v.get("erin").annotation());
        assertFalse(v.get("erin").annotation().contains(";"), "only the expired certificate is named");
        assertEquals(Compliance.COMPLIANT, v.get("frank").compliance());
        assertEquals(Compliance.NOT_APPLICABLE, v.get("grace").compliance());
        assertEquals(Compliance.NON_COMPLIANT, v.get("heidi").compliance(), "tag value other than true is no exemption");
        assertEquals(Compliance.NON_COMPLIANT, v.get("ivan,ops=admin+1@corp").compliance(),
                "a report row that does not parse means: list the user, never assume clean");
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("did not parse")), result.warnings().toString());
        assertTrue(result.complete());

        AuditResult strict = audit(params("maxCertificateAgeDays", "5"), TEN_DAYS_LATER).all();
        Verdict alice = byName(strict).get("alice");
        assertEquals(Compliance.NON_COMPLIANT, alice.compliance());
        assertTrue(alice.annotation().contains("uploaded 10 days ago (limit 5 days)"), alice.annotation());
    }

    @Test
    void rootAccountUnderRotateAndForbid() {
        account.user("alice");
        String oldActive = "true," + NOW.minus(Duration.ofDays(200)) + ",false,N/A";
        String recent = "true," + NOW.minus(Duration.ofDays(3)) + ",false,N/A";

        Verdict oldRoot = root(audit(RuleParameters.DEFAULTS, Clock.systemUTC(), new RootRowInjector(oldActive)).all());
        assertEquals(Compliance.NON_COMPLIANT, oldRoot.compliance(), oldRoot.annotation());
        assertEquals(MotoServer.ACCOUNT_ID, oldRoot.principal().resourceId());
        assertTrue(oldRoot.annotation().contains("uploaded 200 days ago"), oldRoot.annotation());

        Verdict recentRoot = root(audit(RuleParameters.DEFAULTS, Clock.systemUTC(), new RootRowInjector(recent)).all());
        assertEquals(Compliance.COMPLIANT, recentRoot.compliance(), recentRoot.annotation());

        RuleParameters forbid = params("rootCertificatePolicy", "forbid");
        Verdict forbidden = root(audit(forbid, Clock.systemUTC(), new RootRowInjector(recent)).all());
        assertEquals(Compliance.NON_COMPLIANT, forbidden.compliance());
        assertTrue(forbidden.annotation().contains("forbid"), forbidden.annotation());

        Verdict none = root(audit(forbid, Clock.systemUTC(), new RootRowInjector("false,N/A,false,N/A")).all());
        assertEquals(Compliance.COMPLIANT, none.compliance());
    }

    /**
     * AWS's current report (23 columns, IAM User Guide "Getting credential reports"); moto writes 22, so the
     * column is added to moto's real report as the SDK receives it. moto holds at most two certificates per
     * user, so alice's third one cannot exist here: what is checked is that her row is not taken as proof.
     */
    @Test
    void aRowWithAdditionalCredentialsInfoIsNoProofOfNoCertificate() {
        account.user("alice");
        account.user("bob");
        RootRowInjector awsReport = new RootRowInjector("false,N/A,false,N/A").withAdditionalCredentialsInfo(Map.of(
                "alice", "1 additional certificate; use ListSigningCertificates to list them",
                "<root_account>", "1 additional certificate; use ListSigningCertificates to list them"));

        AuditResult result = audit(RuleParameters.DEFAULTS, Clock.systemUTC(), awsReport).all();

        assertEquals(1L, counter.snapshot().get("iam:ListSigningCertificates"), "alice listed, bob spared: " + counter.snapshot());
        assertEquals(Compliance.COMPLIANT, byName(result).get("alice").compliance(), "read by listing");
        assertTrue(result.verdicts().stream().noneMatch(v -> v.principal().kind() == PrincipalKind.ROOT_ACCOUNT),
                "no root verdict from slots 1 and 2: " + result.verdicts());
        assertEquals(PrincipalKind.ROOT_ACCOUNT, result.unreadable().get(0).principal().kind());
        assertTrue(result.unreadable().get(0).reason().contains("additional_credentials_info"), result.unreadable().toString());
        assertTrue(result.warnings().stream().noneMatch(w -> w.contains("did not parse")), "23 columns parse: " + result.warnings());
    }

    @Test
    void aRootRowWithAnActiveCertificateButNoDateGetsNoVerdict() {
        account.user("alice");
        AuditResult result = audit(RuleParameters.DEFAULTS, Clock.systemUTC(),
                new RootRowInjector("true,N/A,false,N/A")).all();

        assertFalse(result.complete());
        assertEquals(PrincipalKind.ROOT_ACCOUNT, result.unreadable().get(0).principal().kind());
        assertTrue(result.verdicts().stream().noneMatch(v -> v.principal().kind() == PrincipalKind.ROOT_ACCOUNT));
        assertEquals(1, result.verdicts().size(), "the users are still judged");
    }

    @Test
    void aGarbledRootRowLeavesTheRootAccountUnreadNotMissing() {
        account.user("alice");
        AuditResult result = audit(RuleParameters.DEFAULTS, Clock.systemUTC(),
                new RootRowInjector("maybe,2020-01-01T00:00:00+00:00,false,N/A")).all();

        assertFalse(result.complete(), "the run fails: root was there but could not be read");
        assertEquals(PrincipalKind.ROOT_ACCOUNT, result.unreadable().get(0).principal().kind());
        assertEquals(MotoServer.ACCOUNT_ID, result.unreadable().get(0).principal().resourceId());
        assertTrue(result.unreadable().get(0).reason().contains("does not parse"));
        assertEquals(1, result.verdicts().size(), "alice is still judged");
    }

    @Test
    void aCertificateBodyThatDoesNotParseLeavesThatUserWithoutAVerdict() {
        account.certificate(user("mallory"), NOW.plus(Duration.ofDays(400)));
        account.certificate(user("trent"), NOW.plus(Duration.ofDays(400)));
        // moto validates bodies on upload, so the corrupt body is put into its real response instead.
        ResponseRewriter<ListSigningCertificatesResponse> corrupt = new ResponseRewriter<>(
                ListSigningCertificatesResponse.class, response -> response.certificates().get(0).userName().equals("mallory")
                ? response.toBuilder().certificates(response.certificates().get(0).toBuilder()
                        .certificateBody("-----BEGIN CERTIFICATE-----\nTUFMTE9SWQ==\n-----END CERTIFICATE-----").build()).build()
                : response);

        AuditResult result = audit(RuleParameters.DEFAULTS, TEN_DAYS_LATER, corrupt).all();

        assertFalse(result.complete());
        assertEquals("mallory", result.unreadable().get(0).principal().name());
        assertTrue(result.unreadable().get(0).reason().contains("cannot be read"), result.unreadable().get(0).reason());
        assertFalse(result.unreadable().get(0).reason().contains("TUFMTE9SWQ"), "the body never reaches a message");
        assertFalse(byName(result).containsKey("mallory"), "never reported COMPLIANT");
        assertEquals(Compliance.COMPLIANT, byName(result).get("trent").compliance());
        assertTrue(result.seenUserIds().size() == 2, "mallory still exists: cleanup must not retire her");
    }

    @Test
    void aReportMadeBeforeTheRunDoesNotStandInForListing() {
        account.certificate(user("alice"), NOW.plus(Duration.ofDays(1)));
        user("bob");
        audit(RuleParameters.DEFAULTS, TEN_DAYS_LATER).all(); // makes the report
        counter.reset();
        // IAM now hands back that report (COMPLETE at once). Make it say what an hours-old report
        // would say after alice's certificate was re-activated: no active certificate.
        ResponseRewriter<GetCredentialReportResponse> stale = new ResponseRewriter<>(GetCredentialReportResponse.class,
                r -> r.toBuilder().content(SdkBytes.fromUtf8String(r.content().asUtf8String()
                        .replaceAll("(?m)^(alice,.*),true,N/A,(false|true),N/A$", "$1,false,N/A,$2,N/A")))
                        .build());

        AuditResult result = audit(RuleParameters.DEFAULTS, TEN_DAYS_LATER, stale).all();

        assertEquals(Compliance.NON_COMPLIANT, byName(result).get("alice").compliance(), "listed, not taken from the old report");
        assertEquals(2L, counter.snapshot().get("iam:ListSigningCertificates"), "every user is listed");
        assertEquals(1L, counter.snapshot().get("iam:GenerateCredentialReport"));
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("made before this run")), result.warnings().toString());
    }

    @Test
    void aUserDeletedMidRunIsDroppedNotUnread() {
        account.certificate(user("alice"), NOW.plus(Duration.ofDays(400)));
        account.certificate(user("ghost"), NOW.plus(Duration.ofDays(400)));
        AuditResult result = audit(RuleParameters.DEFAULTS, TEN_DAYS_LATER, failListing("ghost", 404, "NoSuchEntity")).all();

        assertTrue(result.complete(), result.unreadable().toString());
        assertEquals(List.of("alice"), result.verdicts().stream().map(v -> v.principal().name()).toList());
        assertEquals(1, result.seenUserIds().size(), "ghost is not seen: the cleanup retires it");
    }

    @Test
    void accessDeniedForOneUserAfterOthersWereReadLeavesOnlyThatUserUnread() {
        account.certificate(user("alice"), NOW.plus(Duration.ofDays(400)));
        account.certificate(user("breakglass"), NOW.plus(Duration.ofDays(400)));
        AuditResult result = audit(RuleParameters.DEFAULTS, TEN_DAYS_LATER, failListing("breakglass", 403, "AccessDenied")).all();

        assertFalse(result.complete());
        assertEquals("breakglass", result.unreadable().get(0).principal().name());
        assertTrue(result.unreadable().get(0).reason().contains("iam:ListSigningCertificates was denied"));
        assertEquals(Compliance.COMPLIANT, byName(result).get("alice").compliance());
    }

    /** moto neither enforces policies nor deletes users mid-call: the error is put into the SDK's path. */
    private static ExecutionInterceptor failListing(String userName, int status, String code) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (context.request() instanceof ListSigningCertificatesRequest r && r.userName().equals(userName)) {
                    AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).errorMessage(code).build();
                    throw status == 404 ? NoSuchEntityException.builder().statusCode(status).awsErrorDetails(details).build()
                            : IamException.builder().statusCode(status).awsErrorDetails(details).build();
                }
            }
        };
    }

    @Test
    void oneUserCostsTwoCalls() {
        String id = account.user("alice");
        account.certificate("alice", NOW.plus(Duration.ofDays(5)));

        AuditResult result = audit(RuleParameters.DEFAULTS, TEN_DAYS_LATER).user(id, "alice");

        assertEquals(Compliance.NON_COMPLIANT, result.verdicts().get(0).compliance());
        assertEquals(id, result.verdicts().get(0).principal().resourceId());
        assertEquals(Map.of("iam:GetUser", 1L, "iam:ListSigningCertificates", 1L), counter.snapshot());
    }

    @Test
    void aUserGoneOrRecreatedUnderTheSameNameIsNotApplicable() {
        String oldId = account.user("alice");
        AccountAudit audit = audit(RuleParameters.DEFAULTS, TEN_DAYS_LATER);

        Verdict missing = audit.user("AIDAGONE", "nobody").verdicts().get(0);
        assertEquals(Compliance.NOT_APPLICABLE, missing.compliance());
        assertEquals("AIDAGONE", missing.principal().resourceId());

        TestClients.iam(MotoServer.endpoint()).deleteUser(r -> r.userName("alice"));
        account.user("alice");
        Verdict recreated = audit.user(oldId, "alice").verdicts().get(0);
        assertEquals(Compliance.NOT_APPLICABLE, recreated.compliance());
        assertEquals(oldId, recreated.principal().resourceId());
    }

    @Test
    void exemptUsersAreNotListed() {
        account.user("svc", Map.of("exempt", "TRUE"));
        account.certificate("svc", NOW.plus(Duration.ofDays(1)));

        AuditResult result = audit(params("exemptTagKey", "exempt"), TEN_DAYS_LATER).all();

        assertEquals(Compliance.NOT_APPLICABLE, byName(result).get("svc").compliance());
        assertEquals("exempt: tagged exempt=true", byName(result).get("svc").annotation());
        assertFalse(counter.snapshot().containsKey("iam:ListSigningCertificates"));
    }

    @Test
    void accessDeniedForEveryListingNamesTheUsersAndThePermission() {
        account.certificate(user("alice"), NOW.plus(Duration.ofDays(400)));
        // moto does not enforce IAM policies: the denial is put into the SDK's path instead.
        ExecutionInterceptor deny = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest) {
                    throw software.amazon.awssdk.services.iam.model.IamException.builder().statusCode(403)
                            .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                    .errorCode("AccessDenied").errorMessage("not authorized").build()).build();
                }
            }
        };
        AuditResult result = audit(RuleParameters.DEFAULTS, TEN_DAYS_LATER, deny).all();
        assertEquals(List.of("alice"), result.unreadable().stream().map(u -> u.principal().name()).toList());
        assertTrue(result.permissionProblem().orElseThrow().contains("role probably lacks permission for iam:ListSigningCertificates"),
                result.permissionProblem().toString());
        assertTrue(result.unreadableSummary().contains("a permissions boundary or an SCP"), result.unreadableSummary());
    }

    /** Creates the user and returns its name, for chaining into certificate uploads. */
    private String user(String name) {
        account.user(name);
        return name;
    }

    private static Verdict root(AuditResult result) {
        return result.verdicts().stream().filter(v -> v.principal().kind() == PrincipalKind.ROOT_ACCOUNT)
                .findFirst().orElseThrow(() -> new AssertionError("no root verdict: " + result));
    }
}
