package io.github.stalecerts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.Verdict;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    static final List<Verdict> VERDICTS = List.of(
            new Verdict(Principal.user("AIDAONE", "a,b=c+d@e", Map.of()), Compliance.NON_COMPLIANT,
                    "certificate ABCDEFGH... uploaded 120 days ago (limit 90 days); say \"hi\", <b>&</b>"),
            new Verdict(Principal.user("AIDATWO", "quote\"name", Map.of()), Compliance.COMPLIANT, "no active signing certificate"),
            new Verdict(Principal.rootAccount("123456789012"), Compliance.NOT_APPLICABLE, "ünïcödé, done"));

    @Test
    void jsonParsesBackWithAllFields() {
        String json = OutputFormat.JSON.render(VERDICTS);
        JsonArray array = JsonParser.parseString(json).getAsJsonArray();
        assertEquals(VERDICTS.size(), array.size());
        for (int i = 0; i < VERDICTS.size(); i++) {
            JsonObject o = array.get(i).getAsJsonObject();
            Verdict v = VERDICTS.get(i);
            assertEquals(v.principal().resourceType(), o.get("resourceType").getAsString());
            assertEquals(v.principal().resourceId(), o.get("resourceId").getAsString());
            assertEquals(v.principal().name(), o.get("resourceName").getAsString());
            assertEquals(v.compliance().name(), o.get("compliance").getAsString());
            assertEquals(v.annotation(), o.get("annotation").getAsString());
        }
        assertEquals("AWS::::Account", array.get(2).getAsJsonObject().get("resourceType").getAsString());
        assertEquals("<root_account>", array.get(2).getAsJsonObject().get("resourceName").getAsString());
    }

    @Test
    void jsonOfNothingIsAnEmptyArray() {
        assertEquals(0, JsonParser.parseString(OutputFormat.JSON.render(List.of())).getAsJsonArray().size());
    }

    @Test
    void csvParsesBackEvenWithCommasAndQuotes() throws IOException {
        String csv = OutputFormat.CSV.render(VERDICTS);
        try (CSVParser parser = CSVParser.parse(new StringReader(csv),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            assertEquals(List.of("resourceType", "resourceId", "resourceName", "compliance", "annotation"),
                    parser.getHeaderNames());
            List<CSVRecord> records = parser.getRecords();
            assertEquals(VERDICTS.size(), records.size());
            for (int i = 0; i < VERDICTS.size(); i++) {
                Verdict v = VERDICTS.get(i);
                CSVRecord r = records.get(i);
                assertEquals(5, r.size());
                assertEquals(v.principal().resourceType(), r.get("resourceType"));
                assertEquals(v.principal().resourceId(), r.get("resourceId"));
                assertEquals(v.principal().name(), r.get("resourceName"));
                assertEquals(v.compliance().name(), r.get("compliance"));
                assertEquals(v.annotation(), r.get("annotation"));
            }
        }
    }

    @Test
    void csvOfNothingIsJustTheHeader() {
        assertEquals("resourceType,resourceId,resourceName,compliance,annotation",
                OutputFormat.CSV.render(List.of()).strip());
    }

    @Test
    void tableHasHeaderAndOneLinePerVerdict() {
        String table = OutputFormat.TABLE.render(VERDICTS);
        String[] lines = table.split("\n");
        assertEquals(VERDICTS.size() + 1, lines.length);
        assertTrue(lines[0].startsWith("TYPE"), lines[0]);
        assertTrue(lines[1].contains("AIDAONE") && lines[1].contains("NON_COMPLIANT"), lines[1]);
        assertTrue(lines[1].endsWith(VERDICTS.get(0).annotation()), lines[1]);
        assertTrue(lines[3].contains("123456789012") && lines[3].contains("NOT_APPLICABLE"), lines[3]);
        // columns line up: the compliance column starts at the same offset on every line
        int column = lines[0].indexOf("COMPLIANCE");
        assertEquals(column, lines[1].indexOf("NON_COMPLIANT"));
        assertEquals(column, lines[2].indexOf("COMPLIANT"));
        assertEquals(column, lines[3].indexOf("NOT_APPLICABLE"));
    }

    @Test
    void organizationRowsLeadWithTheAccountIdInEveryFormat() throws IOException {
        List<OutputFormat.AccountVerdict> rows = List.of(
                new OutputFormat.AccountVerdict("111122223333", VERDICTS.get(0)),
                new OutputFormat.AccountVerdict("444455556666", VERDICTS.get(1)));
        JsonObject first = JsonParser.parseString(OutputFormat.JSON.renderByAccount(rows)).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(List.of("accountId", "resourceType", "resourceId", "resourceName", "compliance", "annotation"),
                List.copyOf(first.keySet()));
        assertEquals("111122223333", first.get("accountId").getAsString());
        try (CSVParser parser = CSVParser.parse(new StringReader(OutputFormat.CSV.renderByAccount(rows)),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            List<CSVRecord> records = parser.getRecords();
            assertEquals("444455556666", records.get(1).get("accountId"));
            assertEquals("quote\"name", records.get(1).get("resourceName"));
        }
        String[] table = OutputFormat.TABLE.renderByAccount(rows).split("\n");
        assertTrue(table[0].startsWith("ACCOUNT       TYPE "), table[0]);
        assertTrue(table[1].startsWith("111122223333  AWS::IAM::User "), table[1]);
    }
}
