package io.github.stalecerts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.testing.MotoAccount;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.TestClients;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit command end to end: the shaded jar in its own JVM, pointed at moto server only through
 * the SDK's standard AWS_ENDPOINT_URL variable, as a user would run it against any emulator.
 */
@ExtendWith(MotoServer.class)
class AuditCommandIT {

    record Run(int exit, String out, String err) {
    }

    private static final Instant NOW = Instant.now();
    private MotoAccount account;
    @TempDir
    Path temp;

    @BeforeEach
    void seed() {
        account = new MotoAccount(TestClients.iam(MotoServer.endpoint()));
    }

    private Run audit(String endpoint, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("rule.jar", "target/rule-lambda.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built before this test: " + jar);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "audit"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_MAX_ATTEMPTS", "1");
        File out = Files.createTempFile(temp, "audit", ".out").toFile();
        File err = Files.createTempFile(temp, "audit", ".err").toFile();
        Process process = builder.redirectOutput(out).redirectError(err).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the audit command finished");
        return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    private static Map<String, JsonObject> byName(String json) {
        JsonArray array = JsonParser.parseString(json).getAsJsonArray();
        return StreamSupport.stream(array.spliterator(), false).map(e -> e.getAsJsonObject())
                .collect(Collectors.toMap(o -> o.get("resourceName").getAsString(), Function.identity()));
    }

    @Test
    void printsOneJsonArrayOfVerdicts() throws Exception {
        String aliceId = account.user("alice");
        account.certificate("alice", NOW.plus(Duration.ofDays(10)));
        account.user("bob");

        Run run = audit(MotoServer.endpoint().toString(), "--format", "json");

        assertEquals(0, run.exit(), run.err());
        Map<String, JsonObject> verdicts = byName(run.out());
        assertEquals(2, verdicts.size());
        JsonObject alice = verdicts.get("alice");
        assertEquals("AWS::IAM::User", alice.get("resourceType").getAsString());
        assertEquals(aliceId, alice.get("resourceId").getAsString());
        assertEquals("NON_COMPLIANT", alice.get("compliance").getAsString());
        assertTrue(alice.get("annotation").getAsString().contains("warning at 30 days"));
        assertEquals("COMPLIANT", verdicts.get("bob").get("compliance").getAsString());
        assertTrue(run.err().contains("no <root_account> row"), "moto's missing root row is a warning on stderr");
    }

    @Test
    void asOfEvaluatesAnotherDayAndParamsChangeTheLimits() throws Exception {
        account.user("alice");
        account.certificate("alice", NOW.plus(Duration.ofDays(400)));
        String in100Days = LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(100).toString();

        Run today = audit(MotoServer.endpoint().toString(), "--format", "csv");
        Run later = audit(MotoServer.endpoint().toString(), "--format", "csv", "--as-of", in100Days);
        Run laterLenient = audit(MotoServer.endpoint().toString(), "--format", "csv", "--as-of", in100Days,
                "--param", "maxCertificateAgeDays=365");

        assertEquals("COMPLIANT", csv(today.out()).get(0).get("compliance"));
        CSVRecord stale = csv(later.out()).get(0);
        assertEquals("NON_COMPLIANT", stale.get("compliance"), later.out());
        assertTrue(stale.get("annotation").contains("(limit 90 days)"), stale.get("annotation"));
        assertEquals("COMPLIANT", csv(laterLenient.out()).get(0).get("compliance"));
    }

    @Test
    void htmlAndOcsfAsOfAnotherDay() throws Exception {
        account.user("alice");
        account.certificate("alice", NOW.plus(Duration.ofDays(400)));
        account.user("<b>bob</b>");
        LocalDate in100Days = LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(100);

        Run html = audit(MotoServer.endpoint().toString(), "--format", "html", "--as-of", in100Days.toString());
        Run ocsf = audit(MotoServer.endpoint().toString(), "--format", "ocsf", "--as-of", in100Days.toString());

        assertEquals(0, html.exit(), html.err());
        assertTrue(html.out().startsWith("<!DOCTYPE html>"));
        assertTrue(html.out().contains("Evaluated at <time datetime=\"" + in100Days + "T00:00:00Z\">"), html.out());
        assertTrue(html.out().contains("<td class=\"name\">alice</td>"), "alice is stale 100 days on");
        assertTrue(html.out().contains("data-compliance=\"NON_COMPLIANT\"><span class=\"n\">1</span>"));
        assertTrue(html.out().contains("data-compliance=\"COMPLIANT\"><span class=\"n\">1</span>"));
        assertTrue(html.out().contains("no &lt;root_account&gt; row"), "moto's missing root row is among the warnings");
        assertTrue(html.out().contains("but the root account got no verdict"), "not 'every principal was read'");
        assertTrue(html.out().contains("data-label=\"now\" data-value=\"1\""), "alice's certificate is already stale");
        assertFalse(html.out().contains("CERTIFICATE-----") || html.out().contains("testing"), "no body, no credential");

        assertEquals(0, ocsf.exit(), ocsf.err());
        Map<String, JsonObject> findings = StreamSupport.stream(JsonParser.parseString(ocsf.out()).getAsJsonArray()
                .spliterator(), false).map(e -> e.getAsJsonObject()).collect(Collectors.toMap(
                        f -> f.getAsJsonArray("resources").get(0).getAsJsonObject().get("name").getAsString(),
                        Function.identity()));
        assertEquals(2, findings.size());
        Instant asOf = in100Days.atStartOfDay(ZoneOffset.UTC).toInstant();
        assertEquals(asOf.toEpochMilli(), findings.get("alice").getAsJsonObject("unmapped").get("evaluation_time").getAsLong());
        long produced = findings.get("alice").get("time").getAsLong();
        assertTrue(produced < asOf.toEpochMilli() && produced >= NOW.toEpochMilli() - 60_000,
                "time is when the finding was produced, not the --as-of day: " + produced);
        // moto's credential report has no root row: no account id to tell, so none is made up.
        assertFalse(findings.get("alice").getAsJsonObject("cloud").has("account"), findings.get("alice").toString());
        assertEquals("Fail", findings.get("alice").getAsJsonObject("compliance").get("status").getAsString());
        assertEquals("Pass", findings.get("<b>bob</b>").getAsJsonObject("compliance").get("status").getAsString());
        assertFalse(ocsf.out().contains("CERTIFICATE-----"));
    }

    @Test
    void tableIsTheDefault() throws Exception {
        account.user("alice");
        Run run = audit(MotoServer.endpoint().toString());
        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].startsWith("TYPE") && lines[0].contains("COMPLIANCE"), lines[0]);
        assertTrue(lines[1].contains("alice") && lines[1].contains("COMPLIANT"), lines[1]);
    }

    @Test
    void badArgumentsExitTwoNamingTheArgument() throws Exception {
        Run badParam = audit(MotoServer.endpoint().toString(), "--param", "maxCertificateAgeDays=ninety");
        assertEquals(2, badParam.exit());
        assertTrue(badParam.err().contains("maxCertificateAgeDays must be a whole number of days from 1 to 3650"), badParam.err());
        assertEquals("", badParam.out());

        Run unknown = audit(MotoServer.endpoint().toString(), "--param", "maxAge=3");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown rule parameter 'maxAge'"), unknown.err());

        Run format = audit(MotoServer.endpoint().toString(), "--format", "xml");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("--format must be table, json, csv, html or ocsf"), format.err());

        Run date = audit(MotoServer.endpoint().toString(), "--as-of", "2026-13-01");
        assertEquals(2, date.exit());
        assertTrue(date.err().contains("--as-of must be a date YYYY-MM-DD"), date.err());
    }

    @Test
    void anUnreachableEndpointExitsOne() throws Exception {
        Run run = audit("http://127.0.0.1:9");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("audit failed: iam:GenerateCredentialReport failed before AWS answered"), run.err());
        assertEquals("", run.out());
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(text)).getRecords();
    }
}
