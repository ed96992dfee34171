package io.github.stalecerts.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.handler.RuleRun;
import io.github.stalecerts.iam.AwsIamDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule's tuning constants, restated in prose across the docs, hold the code's values: every place a
 * doc states one (found by how the docs phrase it) must say the constant's value, and docs/architecture.md
 * names the constant. Changing a constant fails here until the docs follow. The deployment's sizing is
 * checked the same way by the cdk module's DocumentedSizingTest.
 */
class DocumentedConstantsTest {

    /** Every Markdown file a reader meets: the README, docs/ and the benchmark's README. */
    static String allDocs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("..", "README.md"), Path.of("..", "bench", "README.md")));
        try (var docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append(Files.readString(file)).append('\n');
        }
        return text.toString();
    }

    private static String seconds(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds())
                : Double.toString(duration.toMillis() / 1000.0);
    }

    /** How often the docs state it (at least once), each time with the constant's value. */
    private static int statedEverywhereAs(String docs, String name, Pattern phrase, String... values) {
        Matcher m = phrase.matcher(docs);
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
    void theDocsStateEachConstantAsTheCodeHasIt() throws IOException {
        String docs = allDocs().replaceAll("\\s+", " ");
        int stated = 0;
        stated += statedEverywhereAs(docs, "AccountAudit.DEFAULT_LISTING_THREADS", Pattern.compile("pool of (\\d+)"),
                Integer.toString(AccountAudit.DEFAULT_LISTING_THREADS));
        stated += statedEverywhereAs(docs, "AccountAudit.DEFAULT_LISTING_THREADS", Pattern.compile("DEFAULT_LISTING_THREADS = (\\d+)"),
                Integer.toString(AccountAudit.DEFAULT_LISTING_THREADS));
        stated += statedEverywhereAs(docs, "RuleRun.REPORTING_RESERVE", Pattern.compile("(\\d+) s before"),
                seconds(RuleRun.REPORTING_RESERVE));
        stated += statedEverywhereAs(docs, "AwsIamDirectory.MAX_REPORT_POLLS", Pattern.compile("(\\d+) polls"),
                Integer.toString(AwsIamDirectory.MAX_REPORT_POLLS));
        stated += statedEverywhereAs(docs, "AwsIamDirectory.FIRST_POLL_WAIT and LONGEST_POLL_WAIT",
                Pattern.compile("back-off ([\\d.]+) s → ([\\d.]+) s"),
                seconds(AwsIamDirectory.FIRST_POLL_WAIT), seconds(AwsIamDirectory.LONGEST_POLL_WAIT));
        assertTrue(stated >= 10, "places checked: " + stated);
    }

    @Test
    void architectureNamesEachConstant() throws IOException {
        String architecture = Files.readString(Path.of("..", "docs", "architecture.md"));
        for (String name : List.of("DEFAULT_LISTING_THREADS", "REPORTING_RESERVE", "MAX_REPORT_POLLS", "FIRST_POLL_WAIT",
                "LONGEST_POLL_WAIT")) {
            assertTrue(architecture.contains(name), "docs/architecture.md names " + name);
        }
    }
}
