package io.github.stalecerts.cli;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.aws.AwsClients;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.iam.IamAccount;
import io.github.stalecerts.remediation.CertificateRemediator;
import io.github.stalecerts.remediation.RemediationResult;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Verdict;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The local commands of the jar. {@code audit} prints verdicts and reports nothing to Config;
 * {@code remediate} deactivates one user's stale certificates ({@code --dry-run}: only says which).
 * Exit 0 when it ran, 2 for bad arguments, 1 for failures.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final String USAGE = AuditOptions.USAGE + "\n" + RemediateOptions.USAGE;
    /** What needs attention first. */
    private static final List<Compliance> PRINT_ORDER =
            List.of(Compliance.NON_COMPLIANT, Compliance.COMPLIANT, Compliance.NOT_APPLICABLE);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, () -> AwsClients.fromEnvironment().iam()));
    }

    /** Runs a command; the IAM client is made only once the arguments are known to be good. */
    static int run(String[] args, PrintStream out, PrintStream err, Supplier<IamClient> iam) {
        String command = args.length == 0 ? "" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            switch (command) {
                case "audit" -> {
                    return audit(AuditOptions.parse(rest), iam, out, err);
                }
                case "remediate" -> {
                    return remediate(RemediateOptions.parse(rest), iam, out);
                }
                default -> throw new UsageException(command.isEmpty()
                        ? "missing command" : "unknown command '" + Echo.of(command) + "'");
            }
        } catch (UsageException e) {
            err.println((command.equals("audit") || command.equals("remediate") ? command + ": " : "") + e.getMessage());
            err.println(USAGE);
            return BAD_ARGUMENTS;
        } catch (RuntimeException e) {
            err.println(command + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static int audit(AuditOptions options, Supplier<IamClient> iam, PrintStream out, PrintStream err) {
        AuditResult result = new AccountAudit(new IamAccount(iam.get(), Sleeper.REAL),
                new Evaluator(options.parameters(), options.clock()), Optional.empty()).all();
        List<Verdict> verdicts = result.verdicts().stream()
                .sorted(Comparator.comparing((Verdict v) -> PRINT_ORDER.indexOf(v.compliance()))
                        .thenComparing(v -> v.principal().kind())
                        .thenComparing(v -> v.principal().name()))
                .toList();
        out.print(options.format().render(verdicts));
        out.flush();
        result.warnings().forEach(w -> err.println("warning: " + w));
        if (!result.complete()) {
            err.println("audit: " + result.unreadableSummary());
            return FAILED;
        }
        return OK;
    }

    private static int remediate(RemediateOptions options, Supplier<IamClient> iam, PrintStream out) {
        CertificateRemediator remediator = new CertificateRemediator(new IamAccount(iam.get(), Sleeper.REAL),
                Optional.empty(), new Evaluator(options.parameters(), Clock.systemUTC()));
        RemediationResult result = remediator.byUserName(options.userName(), options.dryRun());
        out.println(result.outcome() + ": " + result.message());
        result.deactivated().forEach(id -> out.println((result.dryRun() ? "  would deactivate " : "  deactivated ") + id));
        result.kept().forEach(id -> out.println("  kept (fresh) " + id));
        return result.outcome() == RemediationResult.Outcome.USER_NOT_FOUND ? FAILED : OK;
    }
}
