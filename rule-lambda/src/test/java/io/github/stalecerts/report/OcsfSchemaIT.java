package io.github.stalecerts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.RootCertificatePolicy;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.testing.ReportRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --format ocsf} output validated against the OCSF schema itself, not only our
 * expectations: {@code scripts/validate_ocsf.py} (ocsf-json-schema's packaged OCSF export turned
 * into JSON Schema 2020-12, checked by jsonschema; both pinned in requirements-dev.txt).
 */
class OcsfSchemaIT {

    static final Path PYTHON = Path.of(System.getProperty("venv.python", "../.venv/bin/python"));
    static final Path VALIDATOR = Path.of("..", "scripts", "validate_ocsf.py");

    @TempDir
    Path dir;

    @Test
    void anOrganizationsFindingsAreValid() throws Exception {
        Validation v = validate(OcsfFindings.render(ReportRuns.smallOrganization(), "1.2.3"));
        assertEquals(0, v.exit(), v.output());
        assertTrue(v.output().contains("8 events valid against OCSF 1.5.0:2003"), v.output());
    }

    @Test
    void aSingleAccountWithAForbiddenRootAndAnUnreadRootIsValid() throws Exception {
        Evaluator e = new Evaluator(new RuleParameters(30, 0, RootCertificatePolicy.FORBID, Optional.empty()),
                Clock.fixed(ReportRuns.NOW, ZoneOffset.UTC));
        AuditResult result = new AuditResult(List.of(
                e.evaluate(Principal.rootAccount("123456789012"), List.of(ReportRuns.cert("cert_1", 1, 300))),
                e.evaluate(Principal.user("AIDAONE", "a,b=c+d@e", Map.of()), List.of())),
                List.of(new Unreadable(Principal.user("AIDATWO", "two", Map.of()), "certificate body is not X.509")),
                Set.of(), List.of());
        String json = OcsfFindings.render(ReportRuns.singleAccount(e, result), "1.2.3");
        JsonArray findings = JsonParser.parseString(json).getAsJsonArray();
        JsonObject root = findings.get(0).getAsJsonObject();
        assertEquals(5, root.get("severity_id").getAsInt(), "root non-compliant is critical");
        Validation v = validate(json);
        assertEquals(0, v.exit(), v.output());
        assertTrue(v.output().contains("3 events valid"), v.output());
    }

    /** The validator is not a rubber stamp: a status the schema does not define, and an unknown field, fail. */
    @Test
    void theValidatorRejectsWhatTheSchemaForbids() throws Exception {
        JsonArray findings = JsonParser.parseString(OcsfFindings.render(ReportRuns.smallOrganization(), "1.2.3"))
                .getAsJsonArray();
        findings.get(0).getAsJsonObject().getAsJsonObject("compliance").addProperty("status_id", 7);
        findings.get(1).getAsJsonObject().addProperty("verdict", "COMPLIANT");
        Validation v = validate(findings.toString());
        assertEquals(1, v.exit(), v.output());
        assertTrue(v.output().contains("event 0 (compliance_finding): compliance/status_id: 7 is not one of"), v.output());
        assertTrue(v.output().contains("event 1 (compliance_finding): (event): Additional properties are not allowed"),
                v.output());
    }

    @Test
    void findingsWithoutAnAccountIdAreValid() throws Exception {
        Evaluator e = ReportRuns.evaluator();
        AuditResult result = new AuditResult(List.of(e.evaluate(Principal.user("AIDAONE", "one", Map.of()), List.of())),
                List.of(new Unreadable(Principal.rootAccount("root account"), "the root row could not be parsed")),
                Set.of(), List.of());
        Validation v = validate(OcsfFindings.render(ReportRuns.singleAccount(e, result), "1.2.3"));
        assertEquals(0, v.exit(), v.output());
        assertTrue(v.output().contains("2 events valid"), v.output());
    }

    /** An attribute the packaged schema marks deprecated fails, as compliance.status_detail (since 1.4.0) does. */
    @Test
    void theValidatorRejectsDeprecatedAttributes() throws Exception {
        JsonArray findings = JsonParser.parseString(OcsfFindings.render(ReportRuns.smallOrganization(), "1.2.3"))
                .getAsJsonArray();
        findings.get(2).getAsJsonObject().getAsJsonObject("compliance").addProperty("status_detail", "old style");
        Validation v = validate(findings.toString());
        assertEquals(1, v.exit(), v.output());
        assertTrue(v.output().contains("event 2 (compliance_finding): compliance/status_detail: deprecated in OCSF 1.5.0"),
                v.output());
    }

    record Validation(int exit, String output) {
    }

    private Validation validate(String json) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("no Python at " + PYTHON.toAbsolutePath() + ": run 'bash scripts/setup-python.sh' "
                    + "(installs requirements-dev.txt, ocsf-json-schema and jsonschema included, into .venv)");
        }
        Path file = Files.writeString(dir.resolve("findings.json"), json, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(PYTHON.toString(), VALIDATOR.toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the validator finished");
        return new Validation(process.exitValue(), output);
    }
}
