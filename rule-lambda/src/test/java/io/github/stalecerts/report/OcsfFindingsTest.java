package io.github.stalecerts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.RootCertificatePolicy;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.testing.ReportRuns;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Our expectations of each finding; {@code OcsfSchemaIT} validates the same output against the OCSF schema. */
class OcsfFindingsTest {

    static final JsonArray FINDINGS = JsonParser.parseString(
            OcsfFindings.render(ReportRuns.smallOrganization(), "1.2.3")).getAsJsonArray();

    @Test
    void onePerPrincipalPlusTheAccountNotAudited() {
        // 6 judged, 1 unread, 1 account not audited
        assertEquals(8, FINDINGS.size());
        Map<String, Long> codes = StreamSupport.stream(FINDINGS.spliterator(), false)
                .collect(Collectors.groupingBy(f -> compliance(f).get("status_code").getAsString(), Collectors.counting()));
        assertEquals(Map.of("NON_COMPLIANT", 2L, "COMPLIANT", 3L, "NOT_APPLICABLE", 1L, "NOT_READ", 1L,
                "ACCOUNT_NOT_AUDITED", 1L), codes);
    }

    @Test
    void aStaleUserIsAFailedHighFinding() {
        JsonObject f = byName("<img src=x onerror=alert(1)>");
        assertEquals(2003, f.get("class_uid").getAsInt());
        assertEquals(200301, f.get("type_uid").getAsInt());
        assertEquals(4, f.get("severity_id").getAsInt());
        assertEquals(3, compliance(f).get("status_id").getAsInt());
        assertFalse(compliance(f).has("status_detail"), "deprecated since OCSF 1.4.0");
        assertTrue(compliance(f).getAsJsonArray("status_details").get(0).getAsString().contains("uploaded 200 days ago"));
        assertEquals("stale-signing-certificates", compliance(f).get("control").getAsString());
        assertEquals(List.of("maxCertificateAgeDays=90", "expiryWarningDays=30", "rootCertificatePolicy=rotate",
                "exemptTagKey=stale-certs-exempt"), StreamSupport.stream(compliance(f).getAsJsonArray("control_parameters")
                .spliterator(), false).map(p -> p.getAsJsonObject().get("name").getAsString() + "="
                + p.getAsJsonObject().get("value").getAsString()).toList());
        JsonObject resource = f.getAsJsonArray("resources").get(0).getAsJsonObject();
        assertEquals("AWS::IAM::User", resource.get("type").getAsString());
        assertEquals("AIDAHOSTILE", resource.get("uid").getAsString());
        assertEquals("111111111111", f.getAsJsonObject("cloud").getAsJsonObject("account").get("uid").getAsString());
        assertEquals(ReportRuns.PRODUCED.toEpochMilli(), f.get("time").getAsLong(), "when the finding was produced");
        assertEquals(ReportRuns.PRODUCED.toEpochMilli(), f.getAsJsonObject("finding_info").get("created_time").getAsLong());
        assertEquals(ReportRuns.NOW.toEpochMilli(), f.getAsJsonObject("unmapped").get("evaluation_time").getAsLong());
        assertEquals(1, f.get("status_id").getAsInt(), "a new finding");
        assertEquals("1.5.0", f.getAsJsonObject("metadata").get("version").getAsString());
        String remediation = f.getAsJsonObject("remediation").get("desc").getAsString();
        assertTrue(remediation.contains("`java -jar rule-lambda.jar remediate --user '<img src=x onerror=alert(1)>' "
                + "--param exemptTagKey=stale-certs-exempt`"), remediation);
        assertTrue(remediation.contains("the stale-signing-certificates rule (or the name you deployed it under)"), remediation);
    }

    @Test
    void unreadIsUnknownNeverAPass() {
        JsonObject f = byName("unread-<user>");
        assertEquals(2, compliance(f).get("status_id").getAsInt(), "no result due to missing information");
        assertEquals("Warning", compliance(f).get("status").getAsString());
        assertEquals(4, f.get("severity_id").getAsInt());
        assertTrue(compliance(f).getAsJsonArray("status_details").get(0).getAsString().contains("AccessDenied"));
        JsonObject account = byName("sandbox");
        assertEquals(2, compliance(account).get("status_id").getAsInt());
        assertEquals("333333333333", account.getAsJsonArray("resources").get(0).getAsJsonObject().get("uid").getAsString());
    }

    @Test
    void passAndNotApplicableAreInformational() {
        JsonObject root = byName("<root_account>", "111111111111");
        assertEquals(1, compliance(root).get("status_id").getAsInt());
        assertEquals(1, root.get("severity_id").getAsInt());
        assertEquals("AWS::::Account", root.getAsJsonArray("resources").get(0).getAsJsonObject().get("type").getAsString());
        assertFalse(root.has("remediation"));
        JsonObject exempt = byName("exempt-user");
        assertEquals(99, compliance(exempt).get("status_id").getAsInt());
        assertEquals("Not applicable", compliance(exempt).get("status").getAsString());
    }

    @Test
    void userRemediationCarriesTheRunsParameters() {
        Evaluator e = new Evaluator(new RuleParameters(30, 30, RootCertificatePolicy.ROTATE, Optional.empty()),
                Clock.fixed(ReportRuns.NOW, ZoneOffset.UTC));
        JsonArray findings = render(ReportRuns.singleAccount(e, new AuditResult(List.of(e.evaluate(
                Principal.user("AIDAONE", "one", Map.of()), List.of(ReportRuns.cert("ONECERT00001", 40, 300)))),
                List.of(), Set.of(), List.of())));
        String desc = findings.get(0).getAsJsonObject().getAsJsonObject("remediation").get("desc").getAsString();
        assertTrue(desc.contains("`java -jar rule-lambda.jar remediate --user one --param maxCertificateAgeDays=30`"), desc);
    }

    @Test
    void rootRemediationNeverClaimsADeactivatingCommand() {
        Evaluator e = new Evaluator(new RuleParameters(90, 30, RootCertificatePolicy.FORBID, Optional.empty()),
                Clock.fixed(ReportRuns.NOW, ZoneOffset.UTC));
        AuditResult root = new AuditResult(List.of(e.evaluate(Principal.rootAccount("222222222222"),
                List.of(ReportRuns.cert("ROOTCERT0001", 1, 300)))), List.of(), Set.of(), List.of());
        String member = render(AuditRun.ofOrganization(e, Optional.of("111111111111"), List.of(
                new ReportedAccount("222222222222", "member", Optional.of(root), Optional.empty())), ReportRuns.PRODUCED))
                .get(0).getAsJsonObject().getAsJsonObject("remediation").get("desc").getAsString();
        assertEquals(RemediationAdvice.forRoot(AuditRun.ofOrganization(e, Optional.of("111111111111"), List.of(),
                ReportRuns.PRODUCED), new ReportedAccount("222222222222", "", Optional.of(root), Optional.empty())), member);
        assertTrue(member.startsWith("List the stale root certificates with `java -jar rule-lambda.jar remediate --root "
                + "--account 222222222222 --param rootCertificatePolicy=forbid`"), member);
        String management = render(AuditRun.ofOrganization(e, Optional.of("222222222222"), List.of(
                new ReportedAccount("222222222222", "mgmt", Optional.of(root), Optional.empty())), ReportRuns.PRODUCED))
                .get(0).getAsJsonObject().getAsJsonObject("remediation").get("desc").getAsString();
        String single = render(ReportRuns.singleAccount(e, root))
                .get(0).getAsJsonObject().getAsJsonObject("remediation").get("desc").getAsString();
        for (String desc : List.of(management, single)) {
            assertTrue(desc.startsWith("Sign in as the root user and deactivate or delete the certificate"), desc);
            assertFalse(desc.contains("remediate"), desc);
        }
    }

    @Test
    void rootAdviceWithoutAKnownManagementAccountCoversBothCases() {
        // DescribeOrganization refused: the audit goes on, and the advice must hold whichever account this is.
        Evaluator e = new Evaluator(new RuleParameters(90, 30, RootCertificatePolicy.FORBID, Optional.empty()),
                Clock.fixed(ReportRuns.NOW, ZoneOffset.UTC));
        AuditResult root = new AuditResult(List.of(e.evaluate(Principal.rootAccount("222222222222"),
                List.of(ReportRuns.cert("ROOTCERT0001", 1, 300)))), List.of(), Set.of(), List.of());
        String desc = render(AuditRun.ofOrganization(e, Optional.empty(), List.of(
                new ReportedAccount("222222222222", "member or management", Optional.of(root), Optional.empty())),
                ReportRuns.PRODUCED)).get(0).getAsJsonObject().getAsJsonObject("remediation").get("desc").getAsString();
        assertTrue(desc.startsWith("List the stale root certificates with `java -jar rule-lambda.jar remediate --root "
                + "--account 222222222222 --param rootCertificatePolicy=forbid`"), desc);
        assertTrue(desc.endsWith("If this is the management account: Sign in as the root user and deactivate or delete"
                + " the certificate (IAM console, Security credentials, X.509 signing certificates)."), desc);
    }

    @Test
    void anUnknownAccountIdIsLeftOut() {
        // The credential report's root row was garbled: the unread root is named by a placeholder, not an id.
        Evaluator e = ReportRuns.evaluator();
        AuditResult result = new AuditResult(List.of(e.evaluate(Principal.user("AIDAONE", "one", Map.of()), List.of())),
                List.of(new Unreadable(Principal.rootAccount("root account"), "the root row could not be parsed")),
                Set.of(), List.of());
        assertEquals("", ReportedAccount.of(result).accountId());
        JsonArray findings = render(ReportRuns.singleAccount(e, result));
        for (JsonElement f : findings) {
            JsonObject cloud = f.getAsJsonObject().getAsJsonObject("cloud");
            assertEquals("AWS", cloud.get("provider").getAsString());
            assertFalse(cloud.has("account"), cloud.toString());
            assertTrue(f.getAsJsonObject().getAsJsonObject("finding_info").get("desc").getAsString()
                    .contains("account id unknown"));
        }
    }

    @Test
    void theUnreadCarryThePermissionDiagnosis() {
        Evaluator e = ReportRuns.evaluator();
        String problem = "every ListSigningCertificates call was denied: check iam:ListSigningCertificates";
        JsonArray findings = render(ReportRuns.singleAccount(e, new AuditResult(
                List.of(e.evaluate(Principal.rootAccount("123456789012"), List.of())),
                List.of(new Unreadable(Principal.user("AIDAONE", "one", Map.of()), "AccessDenied")),
                Set.of(), List.of(), Optional.of(problem))));
        JsonArray details = compliance(findings.get(1)).getAsJsonArray("status_details");
        assertEquals(List.of("not read, no verdict: AccessDenied", problem),
                StreamSupport.stream(details.spliterator(), false).map(JsonElement::getAsString).toList());
        assertFalse(compliance(findings.get(0)).toString().contains(problem), "a judged principal is not affected");
    }

    @Test
    void rootNonCompliantIsCritical() {
        assertEquals(5, OcsfFindings.severityOf(io.github.stalecerts.rule.PrincipalKind.ROOT_ACCOUNT));
    }

    private static JsonArray render(AuditRun run) {
        return JsonParser.parseString(OcsfFindings.render(run, "1.2.3")).getAsJsonArray();
    }

    private static JsonObject compliance(JsonElement f) {
        return f.getAsJsonObject().getAsJsonObject("compliance");
    }

    private static JsonObject byName(String name) {
        return byName(name, null);
    }

    private static JsonObject byName(String name, String account) {
        return StreamSupport.stream(FINDINGS.spliterator(), false).map(JsonElement::getAsJsonObject)
                .filter(f -> f.getAsJsonArray("resources").get(0).getAsJsonObject().get("name").getAsString().equals(name))
                .filter(f -> account == null || f.getAsJsonObject("cloud").getAsJsonObject("account").get("uid")
                        .getAsString().equals(account))
                .findFirst().orElseThrow(() -> new AssertionError("no finding for " + name));
    }
}
