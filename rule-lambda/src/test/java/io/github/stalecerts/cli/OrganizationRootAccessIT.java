package io.github.stalecerts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.aws.ActionCatalogue;
import io.github.stalecerts.aws.OrganizationClients;
import io.github.stalecerts.testing.CatalogueCheck;
import io.github.stalecerts.testing.Certificates;
import io.github.stalecerts.testing.FakeAws;
import io.github.stalecerts.testing.MotoOrganization;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.RootAccessFake;
import io.github.stalecerts.testing.RootRowInjector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Member root users read and fixed through centralized root access. moto implements neither
 * AssumeRoot nor root signing certificates (and refuses iam.amazonaws.com as a trusted service),
 * so {@link RootAccessFake} — a local fake in STS's and IAM's Query-API XML wire formats — serves
 * AssumeRoot and the root sessions, next to the moto organization that serves everything else.
 * moto's credential reports have no root row: {@link RootRowInjector} adds each account's own.
 * That the request goes to a regional STS endpoint is shown by {@code RegionalStsTest} (here the
 * endpoint is the fake's).
 */
@ExtendWith(MotoServer.class)
class OrganizationRootAccessIT {

    record Run(int exit, String out, String err) {
    }

    private static final Instant NOW = Instant.now();
    private static final String MANAGEMENT = MotoOrganization.MANAGEMENT_ACCOUNT_ID;
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);
    private static final String AUDIT_POLICY = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials";
    private static final String DELETE_POLICY = "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials";

    /** Every call the commands make, root sessions included, is one the auditor's catalogue entry lists. */
    @RegisterExtension
    final CatalogueCheck catalogue = new CatalogueCheck(ActionCatalogue.Function.ORGANIZATION_AUDITOR);

    private MotoOrganization organization;
    private RootAccessFake fake;
    private String prod;
    private String dev;
    private String closed;
    private String expiringSoon;
    private String fresh;
    private String expired;
    /** Prod's root row as the credential report gives it; a test may switch to IAM's 23-column form. */
    private RootRowInjector prodRootRow;

    @BeforeEach
    void seed() {
        organization = new MotoOrganization(MotoServer.endpoint());
        prod = organization.createAccount("prod");
        dev = organization.createAccount("dev");
        closed = organization.createAccount("retired");
        organization.closeAccount(closed);
        organization.account(prod).user("alice");
        organization.account(dev).user("bob");

        fake = new RootAccessFake();
        Instant fiveDaysAgo = NOW.minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        // Uploaded five days ago (young), but the X.509 certificate expires in ten days.
        expiringSoon = fake.certificate(prod, Certificates.pem(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(10))),
                "Active", fiveDaysAgo);
        fresh = fake.certificate(prod, Certificates.pem(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(400))),
                "Active", fiveDaysAgo);
        // IAM documents Active as valid for API calls and every other status as not: not judged, never deleted.
        expired = fake.certificate(prod, Certificates.pem(NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(2))),
                "Expired", NOW.minus(Duration.ofDays(800)));
        fake.certificate(dev, Certificates.pem(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(3))),
                "Active", fiveDaysAgo);
        fake.refuse(dev);
        prodRootRow = new RootRowInjector(prod, prodRootSlots());
    }

    /** Slots 1 and 2 of prod's root row: two active certificates rotated 5 days ago. */
    private static String prodRootSlots() {
        String rotated = REPORT_TIME.format(NOW.minus(Duration.ofDays(5)));
        return "true," + rotated + ",true," + rotated;
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** The credential reports as AWS would give them: prod's root row shows two active certificates rotated 5 days ago. */
    private OrganizationClients clients() {
        Map<String, List<ExecutionInterceptor>> rootRows = Map.of(
                prod, List.of(prodRootRow),
                dev, List.of(new RootRowInjector(dev, "false,N/A,false,N/A")));
        OrganizationClients moto = organization.clients(rootRows, List.of(catalogue), fake.stsRedirect());
        return new OrganizationClients(moto.organizations(), moto.sts(), fake.iamWith(moto.iamWith(), catalogue));
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OrganizationClients clients = clients();
        int exit = Main.run(args, new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> organization.managementIam(new RootRowInjector("false,N/A,false,N/A"), catalogue), () -> clients, false));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, JsonObject> roots(String json) {
        return StreamSupport.stream(JsonParser.parseString(json).getAsJsonArray().spliterator(), false)
                .map(e -> e.getAsJsonObject())
                .filter(o -> o.get("resourceType").getAsString().equals("AWS::::Account"))
                .collect(Collectors.toMap(o -> o.get("accountId").getAsString(), o -> o));
    }

    @Test
    void aRootSessionSeesTheExpiryTheCredentialReportCannot() {
        Run fromReport = run("audit", "--organization", "--format", "json");
        Run fromSession = run("audit", "--organization", "--format", "json", "--root-session");

        assertEquals(0, fromReport.exit(), fromReport.err());
        JsonObject reportRoot = roots(fromReport.out()).get(prod);
        assertEquals("COMPLIANT", reportRoot.get("compliance").getAsString(), "the report shows only a young certificate");
        assertTrue(reportRoot.get("annotation").getAsString().contains("expiry not visible"), reportRoot.toString());

        assertEquals(0, fromSession.exit(), fromSession.err());
        Map<String, JsonObject> roots = roots(fromSession.out());
        JsonObject sessionRoot = roots.get(prod);
        assertEquals("NON_COMPLIANT", sessionRoot.get("compliance").getAsString());
        String annotation = sessionRoot.get("annotation").getAsString();
        assertTrue(annotation.startsWith("[root session] certificate " + expiringSoon.substring(0, 8) + "... expires "), annotation);
        assertTrue(annotation.contains("(warning at 30 days)"), annotation);
        assertFalse(annotation.contains(expired.substring(0, 8)), "an Expired-status certificate is not judged: " + annotation);
        assertEquals(prod, sessionRoot.get("resourceId").getAsString());
        assertTrue(roots.get(MANAGEMENT).get("annotation").getAsString().startsWith("[credential report] "),
                "the management account's root comes from its own report: " + roots.get(MANAGEMENT));
        assertTrue(fromSession.out().contains("\"resourceName\": \"alice\""), "users are audited as before");
    }

    /**
     * Prod's root holds three certificates (two active, one expired), more than the report's two slots: IAM's
     * current report says so in additional_credentials_info. Slots 1 and 2 (two young active certificates) are
     * then no proof: from the report alone prod's root is unread and the run fails naming it; a root session
     * lists every certificate and judges it.
     */
    @Test
    void aRootRowWithMoreCertificatesThanItsSlotsIsUnreadUntilARootSessionReadsIt() {
        prodRootRow = new RootRowInjector(prod, prodRootSlots()).withAdditionalCredentialsInfo(
                Map.of("<root_account>", "1 additional certificate; use ListSigningCertificates to list them"));

        Run fromReport = run("audit", "--organization", "--format", "json");
        Run fromSession = run("audit", "--organization", "--format", "json", "--root-session");

        assertEquals(1, fromReport.exit(), "a principal was not read: " + fromReport.err());
        assertFalse(roots(fromReport.out()).containsKey(prod), "no root verdict from slots 1 and 2: " + fromReport.out());
        assertTrue(fromReport.err().contains("additional_credentials_info"), fromReport.err());
        assertTrue(fromReport.out().contains("\"resourceName\": \"alice\""), "prod's users are still judged");

        assertEquals(0, fromSession.exit(), fromSession.err());
        JsonObject sessionRoot = roots(fromSession.out()).get(prod);
        assertEquals("NON_COMPLIANT", sessionRoot.get("compliance").getAsString());
        assertTrue(sessionRoot.get("annotation").getAsString().startsWith("[root session] "), sessionRoot.toString());
    }

    @Test
    void aRefusedRootSessionFallsBackToTheReportForThatAccountOnly() {
        Run run = run("audit", "--organization", "--format", "json", "--root-session");

        assertEquals(0, run.exit(), run.err());
        Map<String, JsonObject> roots = roots(run.out());
        JsonObject devRoot = roots.get(dev);
        assertEquals("COMPLIANT", devRoot.get("compliance").getAsString());
        assertEquals("[credential report] no active signing certificate", devRoot.get("annotation").getAsString());
        assertTrue(run.err().contains("warning: account " + dev + " (dev): the root account was judged from the credential "
                + "report: no root session on " + dev + " with IAMAuditRootUserCredentials: sts:AssumeRoot was denied (AccessDenied)"),
                run.err());
        assertEquals("NON_COMPLIANT", roots.get(prod).get("compliance").getAsString(), "the other members are intact");
        assertTrue(run.out().contains("\"resourceName\": \"bob\""), "dev's users are still audited");
    }

    @Test
    void oneAssumeRootAndOneListingPerMemberWithTheAuditTaskPolicyForAtMost900Seconds() {
        run("audit", "--organization", "--format", "json", "--root-session");

        List<FakeAws.Request> sessions = fake.assumeRootRequests();
        assertEquals(Stream.of(dev, prod).sorted().toList(), sessions.stream().map(r -> r.form().get("TargetPrincipal")).sorted().toList(),
                "one AssumeRoot per member, never the management account");
        for (FakeAws.Request session : sessions) {
            Map<String, String> form = session.form();
            assertEquals(AUDIT_POLICY, form.get("TaskPolicyArn.arn"), form.toString());
            assertTrue(Integer.parseInt(form.get("DurationSeconds")) <= 900, form.toString());
            assertEquals("2011-06-15", form.get("Version"));
        }
        List<FakeAws.Request> prodCalls = fake.iamRequests(prod);
        assertEquals(List.of("ListSigningCertificates"), prodCalls.stream().map(FakeAws.Request::operation).toList());
        assertFalse(prodCalls.get(0).form().containsKey("UserName"), "the root user's own certificates: no user name");
    }

    @Test
    void remediateListsThenDeletesExactlyTheStaleRootCertificate() {
        Run list = run("remediate", "--root", "--account", prod);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().startsWith("STALE: 1 stale certificate(s) of the root user of " + prod + " (prod); nothing changed."),
                list.out());
        assertTrue(list.out().contains("cannot be undone"), list.out());
        assertTrue(list.out().contains("  stale " + expiringSoon + "\n"), list.out());
        assertTrue(list.out().contains("  kept (fresh) " + fresh + "\n"), list.out());
        assertTrue(list.out().contains("  kept (not active) " + expired + "\n"), list.out());
        assertEquals(3, fake.certificates(prod).size(), "listing changes nothing");

        Run delete = run("remediate", "--root", "--account", prod, "--delete");
        assertEquals(0, delete.exit(), delete.err());
        assertTrue(delete.out().startsWith("DELETED: deleted 1 stale certificate(s) of the root user of " + prod
                + " (prod); a deletion cannot be undone"), delete.out());
        assertEquals(List.of(fresh, expired), fake.certificates(prod).stream().map(RootAccessFake.RootCertificate::id).toList());
        List<FakeAws.Request> deletions = fake.iamRequests(prod).stream()
                .filter(r -> r.operation().equals("DeleteSigningCertificate")).toList();
        assertEquals(1, deletions.size());
        assertEquals(Map.of("Action", "DeleteSigningCertificate", "Version", "2010-05-08", "CertificateId", expiringSoon),
                deletions.get(0).form(), "no UserName: the root user's own certificate");
        assertEquals(List.of(AUDIT_POLICY, AUDIT_POLICY, DELETE_POLICY), fake.assumeRootRequests().stream()
                .map(r -> r.form().get("TaskPolicyArn.arn")).toList(), "listing sessions, then one deletion session");

        assertTrue(catalogue.operations().containsAll(Set.of("organizations:DescribeOrganization", "sts:AssumeRoot",
                "iam:ListSigningCertificates", "iam:DeleteSigningCertificate")), "checked: " + catalogue.operations());

        Run again = run("remediate", "--root", "--account", prod, "--delete");
        assertTrue(again.out().startsWith("NOTHING_STALE"), again.out());
    }

    @Test
    void underForbidTheListingSaysTheFreshRootCertificatesAreFindingsToo() {
        Run forbid = run("remediate", "--root", "--account", prod, "--param", "rootCertificatePolicy=forbid");
        assertEquals(0, forbid.exit(), forbid.err());
        assertTrue(forbid.out().contains("  kept (fresh) " + fresh + "\n"), forbid.out());
        assertTrue(forbid.out().contains("note: with rootCertificatePolicy=forbid the rule finds every active root certificate "
                + "non-compliant, the fresh ones above too"), forbid.out());

        Run rotate = run("remediate", "--root", "--account", prod);
        assertFalse(rotate.out().contains("rootCertificatePolicy=forbid"), rotate.out());
    }

    @Test
    void aDeletionThatFailsHalfWaySaysWhatWasAlreadyDeleted() {
        String old = fake.certificate(prod, Certificates.pem(NOW.minus(Duration.ofDays(1200)), NOW.plus(Duration.ofDays(400))),
                "Active", NOW.minus(Duration.ofDays(1100)).truncatedTo(ChronoUnit.SECONDS));
        fake.failDeletionOf(old);

        Run run = run("remediate", "--root", "--account", prod, "--delete");

        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().startsWith("FAILED: deleted 1 of 2 stale certificate(s) of the root user of " + prod
                + " (prod) (a deletion cannot be undone), then: iam:DeleteSigningCertificate failed with HTTP 500"), run.out());
        assertTrue(run.out().contains("  deleted " + expiringSoon + "\n"), run.out());
        assertTrue(run.out().contains("  stale, not deleted " + old + "\n"), run.out());
        assertTrue(run.err().contains("remediate failed: iam:DeleteSigningCertificate failed with HTTP 500"), run.err());
        assertEquals(List.of(fresh, expired, old), fake.certificates(prod).stream().map(RootAccessFake.RootCertificate::id).toList(),
                "the first stale certificate is gone, the one whose deletion failed is still there");
    }

    @Test
    void remediateRefusesTheManagementAccountNonMembersAndBadArguments() {
        Map<List<String>, String> badTargets = Map.of(
                List.of("--root", "--account", MANAGEMENT), "is the management account: AssumeRoot cannot reach its root user",
                List.of("--root", "--account", closed), "is not an active member (SUSPENDED)",
                List.of("--root", "--account", "999999999999"), "is not an account of the organization",
                List.of("--root"), "--root needs --account ID",
                List.of("--delete", "--user", "alice"), "--delete needs --root",
                List.of("--account", prod, "--user", "alice"), "--account needs --root",
                List.of("--root", "--account", prod, "--user", "alice"), "--user and --root exclude each other",
                List.of("--root", "--account", prod, "--dry-run"), "--dry-run is for --user",
                List.of("--root", "--account", "12"), "--account must be a 12-digit AWS account id");
        badTargets.forEach((args, message) -> {
            List<String> all = new ArrayList<>(List.of("remediate"));
            all.addAll(args);
            Run run = run(all.toArray(String[]::new));
            assertEquals(2, run.exit(), args + ": " + run.err());
            assertTrue(run.err().startsWith("remediate: ") && run.err().contains(message), run.err());
        });
        assertTrue(fake.assumeRootRequests().isEmpty(), "no root session for a bad target");

        Run refused = run("remediate", "--root", "--account", dev, "--delete");
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("remediate failed: no root session on " + dev
                + " with IAMAuditRootUserCredentials: sts:AssumeRoot was denied (AccessDenied)"), refused.err());
        assertTrue(refused.err().contains("a root session needs centralized root access enabled in the organization"),
                "a denial names what AssumeRoot needs: " + refused.err());
        assertEquals(1, fake.certificates(dev).size(), "nothing deleted");
    }
}
