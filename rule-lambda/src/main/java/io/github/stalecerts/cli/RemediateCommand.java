package io.github.stalecerts.cli;

import io.github.stalecerts.iam.IamAccount;
import io.github.stalecerts.iam.Sleeper;
import io.github.stalecerts.remediation.CertificateRemediator;
import io.github.stalecerts.remediation.RemediationResult;
import io.github.stalecerts.rule.Evaluator;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code remediate}: deactivates one user's stale certificates. */
@Command(name = "remediate", separator = " ", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        usageHelpWidth = 120,
        description = {
                "Deactivates exactly the certificates of one IAM user that the rule finds stale, judged with the same "
                        + "parameters. Never deletes and never touches a fresh certificate: a deactivated certificate can "
                        + "be set Active again."},
        footer = {"",
                "Exit status: 0 when it ran (also when nothing was stale or the user is exempt); 1 when the user does not "
                        + "exist or AWS failed; 2 for bad arguments."})
final class RemediateCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Option(names = "--user", paramLabel = "NAME", description = "The IAM user name (required).")
    private String user;

    @Option(names = "--dry-run", description = "Only say which certificates would be deactivated; change nothing.")
    private boolean dryRun;

    @Mixin
    private RuleParameterOptions parameters;

    RemediateCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    RemediateOptions options() {
        if (user == null || user.isBlank()) {
            throw new UsageException("--user NAME is required");
        }
        return new RemediateOptions(user, dryRun, parameters.ruleParameters());
    }

    @Override
    public Integer call() {
        RemediateOptions options = options();
        PrintStream out = environment.out();
        CertificateRemediator remediator = new CertificateRemediator(new IamAccount(environment.iam().get(), Sleeper.REAL),
                Optional.empty(), new Evaluator(options.parameters(), Clock.systemUTC()));
        RemediationResult result = remediator.byUserName(options.userName(), options.dryRun());
        out.println(result.outcome() + ": " + result.message());
        result.deactivated().forEach(id -> out.println((result.dryRun() ? "  would deactivate " : "  deactivated ") + id));
        result.kept().forEach(id -> out.println("  kept (fresh) " + id));
        return result.outcome() == RemediationResult.Outcome.USER_NOT_FOUND ? Main.FAILED : Main.OK;
    }
}
