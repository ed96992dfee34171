package io.github.stalecerts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/** The command line itself: help, version, and bad arguments caught before any AWS client is made. */
class MainTest {

    record Run(int exit, String out, String err) {
    }

    private final AtomicInteger clientsMade = new AtomicInteger();

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> {
                    clientsMade.incrementAndGet();
                    throw new IllegalStateException("no AWS in this test");
                },
                () -> {
                    clientsMade.incrementAndGet();
                    throw new IllegalStateException("no AWS in this test");
                }, false));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpOnTheJarListsTheCommands() {
        Run run = run("--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().startsWith("Usage: java -jar rule-lambda.jar [-hV] [COMMAND]"), run.out());
        assertTrue(run.out().contains("  audit  ") && run.out().contains("  remediate  "), run.out());
        assertEquals("", run.err());
    }

    @Test
    void helpOnEachCommandListsEveryOptionWithItsMeaningAndDefault() {
        Run audit = run("audit", "--help");
        assertEquals(0, audit.exit());
        for (String option : List.of("--format table|json|csv|html|ocsf", "--as-of YYYY-MM-DD", "--param NAME=VALUE",
                "--organization", "--role-name NAME", "--account ID", "--concurrency N", "--root-session", "--help", "--version")) {
            assertTrue(audit.out().contains(option), option + " in\n" + audit.out());
        }
        for (String meaning : List.of("(default: table", "(default: now)", "(default: OrganizationAccountAccessRole)",
                "(default: 4)", "maxCertificateAgeDays", "(default: 90)", "expiryWarningDays", "(default: 30)",
                "rootCertificatePolicy", "(default: rotate)", "exemptTagKey", "(default: none)", "Exit status")) {
            assertTrue(audit.out().replaceAll("\\s+", " ").contains(meaning), meaning + " in\n" + audit.out());
        }
        Run remediate = run("remediate", "--help");
        assertEquals(0, remediate.exit());
        for (String option : List.of("--user NAME", "--dry-run", "--root", "--account ID", "--delete", "--param NAME=VALUE",
                "remediate --root --account ID [--delete]", "cannot be undone", "Exit status")) {
            assertTrue(remediate.out().contains(option), option + " in\n" + remediate.out());
        }
        assertEquals(0, clientsMade.get());
    }

    @Test
    void theCommandLineReferenceIsTheHelpTheJarPrints() throws IOException {
        Path reference = Path.of("..", "docs", "cli.md");
        assertTrue(Files.isRegularFile(reference), "docs/cli.md exists");
        String text = Files.readString(reference);
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"audit", "--help"},
                new String[] {"remediate", "--help"})) {
            assertTrue(text.contains("```\n" + run(args).out() + "```"),
                    "docs/cli.md holds the current output of " + String.join(" ", args) + "; regenerate it");
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"}, new String[] {"audit", "--version"})) {
            Run run = run(args);
            assertEquals(0, run.exit());
            assertTrue(run.out().matches("stale-signing-certificates \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), run.out());
        }
    }

    @Test
    void anAsOfDayPastWhatTheRuleCanCountToIsABadArgument() {
        Run run = run("audit", "--as-of", "+999999999-12-31", "--param", "expiryWarningDays=3650");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith("audit: --as-of must be a date YYYY-MM-DD from 1970-01-01 to 9999-12-31, "
                + "got '+999999999-12-31'"), run.err());
        assertEquals("", run.out());
        assertEquals(0, clientsMade.get(), "rejected before any AWS client is made");
    }

    @Test
    void badArgumentsExitTwoWithTheUsageLine() {
        Run none = run();
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("missing command"), none.err());
        Run unknown = run("rotate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("unknown command 'rotate'\nUsage: java -jar rule-lambda.jar"), unknown.err());
        Run option = run("audit", "--verbose");
        assertEquals(2, option.exit());
        assertTrue(option.err().startsWith("audit: unknown argument '--verbose'\nUsage: java -jar rule-lambda.jar audit"),
                option.err());
        assertTrue(option.err().contains("Run 'java -jar rule-lambda.jar audit --help'"), option.err());
        Run hostile = run("audit", "--bidi\u202e\u001b[2J");
        assertEquals(2, hostile.exit());
        assertFalse(hostile.err().chars().anyMatch(c -> c == 0x202e || c == 0x1b), hostile.err());
        assertEquals(0, clientsMade.get());
    }

    @Test
    void anAwsFailureExitsOneNamingTheCommand() {
        Run run = run("audit");
        assertEquals(1, run.exit());
        assertEquals("audit failed: no AWS in this test\n", run.err());
    }
}
