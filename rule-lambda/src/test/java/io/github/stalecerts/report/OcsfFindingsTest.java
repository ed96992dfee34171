package io.github.stalecerts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.testing.ReportRuns;
import java.util.List;
import java.util.Map;
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
        assertTrue(compliance(f).get("status_detail").getAsString().contains("uploaded 200 days ago"));
        assertEquals("stale-signing-certificates", compliance(f).get("control").getAsString());
        assertEquals(List.of("maxCertificateAgeDays=90", "expiryWarningDays=30", "rootCertificatePolicy=rotate",
                "exemptTagKey=stale-certs-exempt"), StreamSupport.stream(compliance(f).getAsJsonArray("control_parameters")
                .spliterator(), false).map(p -> p.getAsJsonObject().get("name").getAsString() + "="
                + p.getAsJsonObject().get("value").getAsString()).toList());
        JsonObject resource = f.getAsJsonArray("resources").get(0).getAsJsonObject();
        assertEquals("AWS::IAM::User", resource.get("type").getAsString());
        assertEquals("AIDAHOSTILE", resource.get("uid").getAsString());
        assertEquals("111111111111", f.getAsJsonObject("cloud").getAsJsonObject("account").get("uid").getAsString());
        assertEquals(ReportRuns.NOW.toEpochMilli(), f.get("time").getAsLong());
        assertEquals("1.5.0", f.getAsJsonObject("metadata").get("version").getAsString());
        assertTrue(f.getAsJsonObject("remediation").get("desc").getAsString().contains("Remediate"));
    }

    @Test
    void unreadIsUnknownNeverAPass() {
        JsonObject f = byName("unread-<user>");
        assertEquals(0, compliance(f).get("status_id").getAsInt());
        assertEquals(4, f.get("severity_id").getAsInt());
        assertTrue(compliance(f).get("status_detail").getAsString().contains("AccessDenied"));
        JsonObject account = byName("sandbox");
        assertEquals(0, compliance(account).get("status_id").getAsInt());
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
    void rootNonCompliantIsCritical() {
        assertEquals(5, OcsfFindings.severityOf(io.github.stalecerts.rule.PrincipalKind.ROOT_ACCOUNT));
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
