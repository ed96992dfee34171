package io.github.stalecerts.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The functions' sizing (memory, timeout, reserved concurrency), restated in prose across the docs,
 * holds the stack's values: every place a doc states one (found by how the docs phrase it) says the
 * constant's value. Changing a constant fails here until the docs follow.
 */
class DocumentedSizingTest {

    private static String allDocs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("..", "README.md"), Path.of("..", "bench", "README.md")));
        try (var docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append(Files.readString(file)).append('\n');
        }
        return text.toString().replaceAll("\\s+", " ");
    }

    /** 1024 as the docs write it: 1,024. */
    private static String megabytes(int mb) {
        return String.format(java.util.Locale.ROOT, "%,d", mb);
    }

    private static int statedEverywhereAs(String docs, String name, String phrase, String... values) {
        Matcher m = Pattern.compile(phrase, Pattern.CASE_INSENSITIVE).matcher(docs);
        int found = 0;
        while (m.find()) {
            found++;
            for (int g = 1; g <= values.length; g++) {
                assertEquals(values[g - 1], m.group(g), name + " is " + values[g - 1] + ", the docs say: " + m.group());
            }
        }
        assertTrue(found > 0, "the docs state " + name + " as " + phrase);
        return found;
    }

    @Test
    void theDocsStateTheFunctionsSizingAsTheStackHasIt() throws IOException {
        String docs = allDocs();
        String ruleMb = megabytes(StaleSigningCertificatesStack.MEMORY_MB);
        String ruleMinutes = Long.toString(StaleSigningCertificatesStack.TIMEOUT.toMinutes().longValue());
        assertEquals(StaleSigningCertificatesStack.RESERVED_CONCURRENCY, Remediation.RESERVED_CONCURRENCY,
                "the docs say both functions reserve the same");
        String each = Integer.toString(StaleSigningCertificatesStack.RESERVED_CONCURRENCY);
        String both = Integer.toString(StaleSigningCertificatesStack.RESERVED_CONCURRENCY + Remediation.RESERVED_CONCURRENCY);
        int stated = 0;
        stated += statedEverywhereAs(docs, "StaleSigningCertificatesStack.MEMORY_MB and TIMEOUT",
                "([\\d,]+) MB, (\\d+) min<br/>", ruleMb, ruleMinutes);
        stated += statedEverywhereAs(docs, "StaleSigningCertificatesStack.MEMORY_MB and TIMEOUT",
                "Memory ([\\d,]+) MB, timeout (\\d+) minutes", ruleMb, ruleMinutes);
        stated += statedEverywhereAs(docs, "StaleSigningCertificatesStack.MEMORY_MB and TIMEOUT",
                "rule Lambda has ([\\d,]+) MB \\(about [\\d.]+ vCPU\\) and (\\d+) minutes", ruleMb, ruleMinutes);
        stated += statedEverywhereAs(docs, "StaleSigningCertificatesStack.MEMORY_MB", "the rule's ([\\d,]+) MB", ruleMb);
        stated += statedEverywhereAs(docs, "Remediation.MEMORY_MB and TIMEOUT", "the same jar, (\\d+) MB, (\\d+) minute",
                Integer.toString(Remediation.MEMORY_MB), Long.toString(Remediation.TIMEOUT.toMinutes().longValue()));
        stated += statedEverywhereAs(docs, "RESERVED_CONCURRENCY", "reserved concurrency\\W{0,4}(\\d+)", each);
        stated += statedEverywhereAs(docs, "RESERVED_CONCURRENCY", "functions? reserves? (\\d+)", each);
        stated += statedEverywhereAs(docs, "both functions' RESERVED_CONCURRENCY",
                "(?:stack reserves|spare the|reserving|spare) (\\d+)(?: reserved| needs| executions)", both);
        assertTrue(stated >= 10, "places checked: " + stated);
    }
}
