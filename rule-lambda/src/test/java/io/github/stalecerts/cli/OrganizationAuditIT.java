package io.github.stalecerts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.aws.ActionCatalogue;
import io.github.stalecerts.aws.OrganizationClients;
import io.github.stalecerts.testing.RefusedRequests;
import io.github.stalecerts.testing.CatalogueCheck;
import io.github.stalecerts.testing.JarCommand;
import io.github.stalecerts.testing.MotoOrganization;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.RootRowInjector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * {@code audit --organization} against moto server in multi-account mode: the management account,
 * three active members and one closed member, each with its own users and real certificates seeded
 * through the member's role.
 */
@ExtendWith(MotoServer.class)
class OrganizationAuditIT {

    record Run(int exit, String out, String err) {
    }

    private static final Instant NOW = Instant.now();
    private static final String MANAGEMENT = MotoOrganization.MANAGEMENT_ACCOUNT_ID;

    /** Every call the audit makes is one the auditor's policy (the catalogue's entry) grants. */
    @RegisterExtension
    final CatalogueCheck catalogue = new CatalogueCheck(ActionCatalogue.Function.ORGANIZATION_AUDITOR);

    private MotoOrganization organization;
    private String prod;
    private String dev;
    private String sandbox;
    private String closed;
    /** UserId of each seeded user, by account and name. */
    private final Map<String, String> userIds = new HashMap<>();

    @BeforeEach
    void seed() {
        organization = new MotoOrganization(MotoServer.endpoint());
        prod = organization.createAccount("prod");
        dev = organization.createAccount("dev");
        sandbox = organization.createAccount("sandbox");
        closed = organization.createAccount("retired");

        seedUser(MANAGEMENT, "admin", Duration.ofDays(400));
        seedUser(prod, "alice", Duration.ofDays(10)); // expires within the 30-day warning: NON_COMPLIANT
        seedUser(prod, "bob", null);
        seedUser(dev, "alice", Duration.ofDays(400)); // same name, another account, fresh: COMPLIANT
        seedUser(dev, "carol", Duration.ofDays(5));
        seedUser(sandbox, "dave", null);
        seedUser(closed, "erin", Duration.ofDays(3));
        organization.closeAccount(closed);
    }

    private void seedUser(String accountId, String name, Duration validFor) {
        var account = organization.account(accountId);
        userIds.put(accountId + "/" + name, account.user(name));
        if (validFor != null) {
            account.certificate(name, NOW.plus(validFor));
        }
    }

    private Run run(boolean terminal, OrganizationClients clients, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> organization.managementIam(catalogue),
                () -> clients, terminal));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return run(false, clients(), args);
    }

    private OrganizationClients clients(ExecutionInterceptor... stsInterceptors) {
        return organization.clients(Map.of(), List.of(catalogue), stsInterceptors);
    }

    private static List<JsonObject> rows(String json) {
        JsonArray array = JsonParser.parseString(json).getAsJsonArray();
        return StreamSupport.stream(array.spliterator(), false).map(e -> e.getAsJsonObject()).toList();
    }

    /** "accountId/resourceName" -> row */
    private static Map<String, JsonObject> byAccountAndName(List<JsonObject> rows) {
        return rows.stream().collect(Collectors.toMap(
                o -> o.get("accountId").getAsString() + "/" + o.get("resourceName").getAsString(), o -> o));
    }

    @Test
    void auditsEveryActiveAccountWithItsOwnUsersAndSkipsTheClosedOne() {
        Run run = run("audit", "--organization", "--format", "json");

        assertEquals(0, run.exit(), run.err());
        List<JsonObject> rows = rows(run.out());
        Map<String, JsonObject> byKey = byAccountAndName(rows);
        assertEquals(Set.of(MANAGEMENT + "/admin", prod + "/alice", prod + "/bob", dev + "/alice", dev + "/carol",
                sandbox + "/dave"), byKey.keySet(), "every user under its own account, no other");
        assertEquals("NON_COMPLIANT", byKey.get(prod + "/alice").get("compliance").getAsString());
        assertEquals("COMPLIANT", byKey.get(dev + "/alice").get("compliance").getAsString());
        assertEquals("NON_COMPLIANT", byKey.get(dev + "/carol").get("compliance").getAsString());
        assertEquals("COMPLIANT", byKey.get(prod + "/bob").get("compliance").getAsString());
        assertEquals("COMPLIANT", byKey.get(MANAGEMENT + "/admin").get("compliance").getAsString());
        for (Map.Entry<String, JsonObject> row : byKey.entrySet()) {
            assertEquals(userIds.get(row.getKey()), row.getValue().get("resourceId").getAsString(),
                    "the UserId is the one created in that account: " + row.getKey());
        }
        assertTrue(rows.stream().noneMatch(r -> r.get("accountId").getAsString().equals(closed)));

        List<String> order = rows.stream().map(r -> r.get("accountId").getAsString() + " "
                + r.get("compliance").getAsString()).toList();
        List<String> sorted = new ArrayList<>(order);
        sorted.sort((a, b) -> a.substring(0, 12).compareTo(b.substring(0, 12)));
        assertEquals(sorted, order, "rows sorted by account");
        assertEquals(dev + " NON_COMPLIANT", order.get(order.indexOf(dev + " COMPLIANT") - 1),
                "within an account, non-compliant first");

        assertTrue(run.err().contains("note: skipped account " + closed + " (retired): its state is SUSPENDED"), run.err());
        List<String> progress = Arrays.stream(run.err().split("\n")).filter(l -> l.startsWith("account ")).toList();
        assertEquals(4, progress.size(), "one line per finished account when stderr is not a terminal: " + run.err());
        assertTrue(progress.stream().anyMatch(l -> l.equals("account " + dev + " (dev) audited: 2 user(s), 1 non-compliant, 0 unread"
                + l.substring(l.indexOf(" ["))) && l.matches(".* \\[\\d/4]$")), run.err());
        assertFalse(run.err().contains("\r"));
        assertTrue(catalogue.operations().containsAll(Set.of("sts:GetCallerIdentity", "organizations:ListAccounts",
                "sts:AssumeRole", "iam:GetAccountAuthorizationDetails", "iam:ListSigningCertificates")),
                "the catalogue check saw the audit's calls: " + catalogue.operations());
    }

    @Test
    void withoutFormatPrintsTheTableAndAPerAccountSummary() {
        Run run = run("audit", "--organization");

        assertEquals(0, run.exit(), run.err());
        String[] parts = run.out().split("\n\n");
        assertEquals(2, parts.length, run.out());
        String[] table = parts[0].split("\n");
        assertTrue(table[0].startsWith("ACCOUNT       TYPE"), table[0]);
        assertEquals(7, table.length, parts[0]);
        String[] summary = parts[1].split("\n");
        assertTrue(summary[0].matches("ACCOUNT +NAME +USERS +NON-COMPLIANT +UNREAD +ERROR"), summary[0]);
        assertEquals(5, summary.length, parts[1]);
        String prodLine = Arrays.stream(summary).filter(l -> l.startsWith(prod)).findFirst().orElseThrow();
        assertTrue(prodLine.matches(prod + " +prod +2 +1 +0 *"), prodLine);
    }

    @Test
    void csvCarriesTheAccountIdColumn() throws Exception {
        Run run = run("audit", "--organization", "--format", "csv", "--account", sandbox);
        assertEquals(0, run.exit(), run.err());
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(run.out())).getRecords();
        assertEquals(List.of("accountId", "resourceType", "resourceId", "resourceName", "compliance", "annotation"),
                records.get(0).getParser().getHeaderNames());
        assertEquals(1, records.size());
        assertEquals(sandbox, records.get(0).get("accountId"));
        assertEquals("dave", records.get(0).get("resourceName"));
    }

    @Test
    void accountRestrictsTheAuditAndMustNameActiveMembers() {
        Run two = run("audit", "--organization", "--format", "json", "--account", dev, "--account", MANAGEMENT);
        assertEquals(0, two.exit(), two.err());
        assertEquals(Set.of(MANAGEMENT, dev), rows(two.out()).stream().map(r -> r.get("accountId").getAsString())
                .collect(Collectors.toSet()));
        assertFalse(two.err().contains("skipped"), "accounts out of scope get no note: " + two.err());

        Run closedOne = run("audit", "--organization", "--account", closed);
        assertEquals(2, closedOne.exit());
        assertTrue(closedOne.err().contains("--account is not an active account of the organization: " + closed
                + " (SUSPENDED)"), closedOne.err());
        assertEquals("", closedOne.out());

        Run stranger = run("audit", "--organization", "--account", "999999999999", "--account", prod);
        assertEquals(2, stranger.exit());
        assertTrue(stranger.err().contains("999999999999 (not in the organization)"), stranger.err());
        assertFalse(stranger.err().contains(prod + " ("), stranger.err());
    }

    @Test
    void aMemberWhoseRoleCannotBeAssumedFailsAloneAndTheOthersAreReported() {
        try (RefusedRequests denier = RefusedRequests.assumeRoleInto(Set.of(dev))) {
            Run run = run(false, clients(denier), "audit", "--organization");

            assertEquals(1, run.exit(), run.err());
            assertEquals(1, denier.denials(), "the denied account's AssumeRole went to the fake");
            assertTrue(run.err().contains("audit: account " + dev + " (dev) could not be audited: cannot assume arn:aws:iam::"
                    + dev + ":role/OrganizationAccountAccessRole"), run.err());
            assertTrue(run.err().contains("sts:AssumeRole was denied (AccessDenied)"), run.err());
            String table = run.out().split("\n\n")[0];
            assertFalse(table.contains(dev), "no rows for the failed account");
            for (String account : List.of(MANAGEMENT, prod, sandbox)) {
                assertTrue(table.contains(account), "rows of " + account + " are printed: " + table);
            }
            assertTrue(table.contains("alice") && table.contains("bob") && table.contains("dave") && table.contains("admin"));
            String devSummary = Arrays.stream(run.out().split("\n\n")[1].split("\n"))
                    .filter(l -> l.startsWith(dev)).findFirst().orElseThrow();
            assertTrue(devSummary.contains("cannot assume"), devSummary);
        }
    }

    @Test
    void htmlAndOcsfShowEveryAccountTheOneNotAuditedFirst() {
        try (RefusedRequests denier = RefusedRequests.assumeRoleInto(Set.of(dev))) {
            Run html = run(false, clients(denier), "audit", "--organization", "--format", "html", "--as-of", "2030-01-01");
            Run ocsf = run(false, clients(denier), "audit", "--organization", "--format", "ocsf", "--as-of", "2030-01-01");

            assertEquals(1, html.exit(), html.err());
            assertTrue(html.out().contains("1 account(s) could not be audited"), html.out());
            assertTrue(html.out().contains("<time datetime=\"2030-01-01T00:00:00Z\">"));
            Matcher rows = Pattern.compile("<tr data-account=\"(\\d{12})\"").matcher(html.out());
            List<String> order = rows.results().map(r -> r.group(1)).toList();
            assertEquals(4, order.size(), "every audited and not audited account: " + order);
            assertEquals(dev, order.get(0), "the account not audited comes first");
            assertFalse(order.contains(closed));
            assertTrue(html.err().contains("audit: account " + dev + " (dev) could not be audited"), html.err());

            assertEquals(1, ocsf.exit(), ocsf.err());
            Map<String, JsonObject> byKey = rows(ocsf.out()).stream().collect(Collectors.toMap(
                    f -> f.getAsJsonObject("cloud").getAsJsonObject("account").get("uid").getAsString() + "/"
                            + f.getAsJsonArray("resources").get(0).getAsJsonObject().get("name").getAsString(), f -> f));
            assertEquals("ACCOUNT_NOT_AUDITED", byKey.get(dev + "/dev")
                    .getAsJsonObject("compliance").get("status_code").getAsString());
            assertEquals("Fail", byKey.get(prod + "/alice").getAsJsonObject("compliance").get("status").getAsString());
            assertEquals("prod", byKey.get(prod + "/alice").getAsJsonObject("cloud").getAsJsonObject("account")
                    .get("name").getAsString());
            JsonObject alice = byKey.get(prod + "/alice");
            assertEquals(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli(),
                    alice.getAsJsonObject("unmapped").get("evaluation_time").getAsLong());
            assertTrue(alice.get("time").getAsLong() < Instant.parse("2030-01-01T00:00:00Z").toEpochMilli(),
                    "time is when the finding was produced, not the --as-of day");
        }
    }

    /** The OCSF finding for prod's root account. */
    private JsonObject prodRootFinding(String ocsf) {
        return rows(ocsf).stream()
                .filter(f -> f.getAsJsonObject("cloud").getAsJsonObject("account").get("uid").getAsString().equals(prod))
                .filter(f -> f.getAsJsonArray("resources").get(0).getAsJsonObject().get("name").getAsString()
                        .equals("<root_account>"))
                .findFirst().orElseThrow(() -> new AssertionError("no finding for prod's root: " + ocsf));
    }

    /**
     * DescribeOrganization refused: the reports cannot tell the management account's root from a member's,
     * so a warning says so and the root advice covers both cases; a root session, which must never target
     * the management account, still fails. moto never refuses DescribeOrganization (it checks no policy):
     * {@link RefusedRequests#describeOrganization()} answers it as Organizations does. moto's credential reports have no
     * root row: prod's gets one with a certificate active since 2020.
     */
    @Test
    void aRefusedDescribeOrganizationLeavesTheRootAdviceCoveringBothCases() {
        Map<String, List<ExecutionInterceptor>> staleProdRoot = Map.of(prod,
                List.of(new RootRowInjector(prod, "true,2020-01-01T00:00:00+00:00,false,N/A")));
        String warning = "warning: the report's root advice cannot tell the management account from the members: "
                + "organizations:DescribeOrganization was denied (AccessDeniedException)";
        String bothCases = "If this is the management account: Sign in as the root user and deactivate or delete"
                + " the certificate (IAM console, Security credentials, X.509 signing certificates).";
        try (RefusedRequests denier = RefusedRequests.describeOrganization()) {
            OrganizationClients refused = organization.clients(staleProdRoot, List.of(catalogue, denier));
            Run html = run(false, refused, "audit", "--organization", "--format", "html");
            Run ocsf = run(false, refused, "audit", "--organization", "--format", "ocsf");
            Run rootSession = run(false, refused, "audit", "--organization", "--format", "html", "--root-session");
            Run allowed = run(false, organization.clients(staleProdRoot, List.of(catalogue)),
                    "audit", "--organization", "--format", "ocsf");

            assertEquals(3, denier.denials(), "each run asked once, and the fake refused it");
            for (Run run : List.of(html, ocsf)) {
                assertEquals(0, run.exit(), "every account was read: " + run.err());
                assertTrue(run.err().contains(warning), run.err());
            }
            assertEquals(1, html.out().split(Pattern.quote(bothCases), -1).length - 1,
                    "prod's non-compliant root, the one root verdict, is advised for both cases: " + html.out());
            assertTrue(html.out().contains("<code>java -jar rule-lambda.jar remediate --root --account " + prod + "</code>"),
                    html.out());
            JsonObject root = prodRootFinding(ocsf.out());
            assertEquals("Fail", root.getAsJsonObject("compliance").get("status").getAsString());
            String advice = root.getAsJsonObject("remediation").get("desc").getAsString();
            assertTrue(advice.startsWith("List the stale root certificates with `java -jar rule-lambda.jar remediate --root"
                    + " --account " + prod + "`"), advice);
            assertTrue(advice.endsWith(bothCases), advice);

            // With DescribeOrganization answered, prod is known to be a member: no warning, member advice only.
            assertEquals(0, allowed.exit(), allowed.err());
            assertFalse(allowed.err().contains("root advice cannot tell"), allowed.err());
            String memberAdvice = prodRootFinding(allowed.out()).getAsJsonObject("remediation").get("desc").getAsString();
            assertFalse(memberAdvice.contains("If this is the management account"), memberAdvice);

            assertEquals(1, rootSession.exit(), rootSession.err());
            assertTrue(rootSession.err().contains("audit failed: organizations:DescribeOrganization was denied"
                    + " (AccessDeniedException)"), rootSession.err());
            assertFalse(rootSession.err().contains("root advice cannot tell"), "no fallback for root sessions: "
                    + rootSession.err());
            assertEquals("", rootSession.out());
        }
    }

    @Test
    void aTerminalSeesOneProgressLineRewrittenInPlace() {
        Run run = run(true, clients(), "audit", "--organization", "--format", "json", "--concurrency", "2");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("\raudited 0 of 4 account(s), 0 non-compliant so far"), run.err());
        assertTrue(run.err().contains("\raudited 4 of 4 account(s), 2 non-compliant so far\n"), run.err());
        assertTrue(Arrays.stream(run.err().split("\n")).noneMatch(l -> l.startsWith("account ")),
                "no per-account lines on a terminal: " + run.err());
    }

    @Test
    void badArgumentsExitTwoNamingTheArgument() {
        Map<List<String>, String> cases = Map.of(
                List.of("--organization", "--concurrency", "0"), "--concurrency must be a whole number from 1 to 32, got '0'",
                List.of("--organization", "--concurrency", "many"), "--concurrency must be a whole number from 1 to 32",
                List.of("--organization", "--account", "12345"), "--account must be a 12-digit AWS account id, got '12345'",
                List.of("--organization", "--role-name", "no spaces"), "--role-name must be an IAM role name",
                List.of("--account", prod), "--account needs --organization",
                List.of("--role-name", "Auditor"), "--role-name needs --organization",
                List.of("--organization", "--role-name"), "--role-name");
        cases.forEach((args, message) -> {
            List<String> all = new ArrayList<>(List.of("audit"));
            all.addAll(args);
            Run run = run(all.toArray(String[]::new));
            assertEquals(2, run.exit(), args.toString());
            assertTrue(run.err().startsWith("audit: ") && run.err().contains(message), run.err());
            assertEquals("", run.out());
        });
    }

    @Test
    void theJarAuditsTheOrganizationThroughTheStandardEndpointVariable() throws Exception {
        JarCommand.Run run = JarCommand.run(MotoServer.endpoint(), "audit", "--organization", "--format", "json",
                "--account", prod, "--account", dev);
        assertEquals(0, run.exit(), run.err());
        Map<String, JsonObject> byKey = byAccountAndName(rows(run.out()));
        assertEquals(Set.of(prod + "/alice", prod + "/bob", dev + "/alice", dev + "/carol"), byKey.keySet());
        assertEquals(2, Arrays.stream(run.err().split("\n")).filter(l -> l.startsWith("account ")).count(), run.err());
    }
}
