package io.github.stalecerts.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.testing.DocsText;
import java.io.IOException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The functions' sizing (memory, timeout, reserved concurrency), restated in prose across the docs,
 * holds the stack's values: every place a doc states one (found by how the docs phrase it) says the
 * constant's value. Changing a constant fails here until the docs follow.
 */
class DocumentedSizingTest {

    /** The docs' phrasings of sizing are matched whatever their case (a table cell or a sentence). */
    private static Pattern phrase(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** 1024 as the docs write it: 1,024. */
    private static String megabytes(int mb) {
        return String.format(java.util.Locale.ROOT, "%,d", mb);
    }

    @Test
    void theDocsStateTheFunctionsSizingAsTheStackHasIt() throws IOException {
        DocsText docs = DocsText.read();
        String ruleMb = megabytes(StaleSigningCertificatesStack.MEMORY_MB);
        String ruleMinutes = Long.toString(StaleSigningCertificatesStack.TIMEOUT.toMinutes().longValue());
        assertEquals(StaleSigningCertificatesStack.RESERVED_CONCURRENCY, Remediation.RESERVED_CONCURRENCY,
                "the docs say both functions reserve the same");
        String each = Integer.toString(StaleSigningCertificatesStack.RESERVED_CONCURRENCY);
        String both = Integer.toString(StaleSigningCertificatesStack.RESERVED_CONCURRENCY + Remediation.RESERVED_CONCURRENCY);
        int stated = 0;
        stated += docs.statedEverywhereAs("StaleSigningCertificatesStack.MEMORY_MB and TIMEOUT",
                phrase("([\\d,]+) MB, (\\d+) min<br/>"), ruleMb, ruleMinutes);
        stated += docs.statedEverywhereAs("StaleSigningCertificatesStack.MEMORY_MB and TIMEOUT",
                phrase("Memory ([\\d,]+) MB, timeout (\\d+) minutes"), ruleMb, ruleMinutes);
        stated += docs.statedEverywhereAs("StaleSigningCertificatesStack.MEMORY_MB and TIMEOUT",
                phrase("rule Lambda has ([\\d,]+) MB \\(about [\\d.]+ vCPU\\) and (\\d+) minutes"), ruleMb, ruleMinutes);
        stated += docs.statedEverywhereAs("StaleSigningCertificatesStack.MEMORY_MB", phrase("the rule's ([\\d,]+) MB"), ruleMb);
        stated += docs.statedEverywhereAs("Remediation.MEMORY_MB and TIMEOUT", phrase("the same jar, (\\d+) MB, (\\d+) minute"),
                Integer.toString(Remediation.MEMORY_MB), Long.toString(Remediation.TIMEOUT.toMinutes().longValue()));
        stated += docs.statedEverywhereAs("RESERVED_CONCURRENCY", phrase("reserved concurrency\\W{0,4}(\\d+)"), each);
        stated += docs.statedEverywhereAs("RESERVED_CONCURRENCY", phrase("functions? reserves? (\\d+)"), each);
        stated += docs.statedEverywhereAs("both functions' RESERVED_CONCURRENCY",
                phrase("(?:stack reserves|spare the|reserving|spare) (\\d+)(?: reserved| needs| executions)"), both);
        assertTrue(stated >= 10, "places checked: " + stated);
    }
}
