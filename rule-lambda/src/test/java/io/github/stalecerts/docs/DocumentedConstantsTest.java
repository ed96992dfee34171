package io.github.stalecerts.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.handler.RuleRun;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.testing.DocsText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule's tuning constants, restated in prose across the docs, hold the code's values: every place a
 * doc states one (found by how the docs phrase it) must say the constant's value, and docs/architecture.md
 * names the constant. Changing a constant fails here until the docs follow. The deployment's sizing is
 * checked the same way by the cdk module's DocumentedSizingTest.
 */
class DocumentedConstantsTest {

    private static String seconds(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds())
                : Double.toString(duration.toMillis() / 1000.0);
    }

    @Test
    void theDocsStateEachConstantAsTheCodeHasIt() throws IOException {
        DocsText docs = DocsText.read();
        int stated = 0;
        stated += docs.statedEverywhereAs("AccountAudit.DEFAULT_LISTING_THREADS", Pattern.compile("pool of (\\d+)"),
                Integer.toString(AccountAudit.DEFAULT_LISTING_THREADS));
        stated += docs.statedEverywhereAs("AccountAudit.DEFAULT_LISTING_THREADS", Pattern.compile("DEFAULT_LISTING_THREADS = (\\d+)"),
                Integer.toString(AccountAudit.DEFAULT_LISTING_THREADS));
        stated += docs.statedEverywhereAs("RuleRun.REPORTING_RESERVE", Pattern.compile("(\\d+) s before"),
                seconds(RuleRun.REPORTING_RESERVE));
        stated += docs.statedEverywhereAs("AwsIamDirectory.MAX_REPORT_POLLS", Pattern.compile("(\\d+) polls"),
                Integer.toString(AwsIamDirectory.MAX_REPORT_POLLS));
        stated += docs.statedEverywhereAs("AwsIamDirectory.FIRST_POLL_WAIT and LONGEST_POLL_WAIT",
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
