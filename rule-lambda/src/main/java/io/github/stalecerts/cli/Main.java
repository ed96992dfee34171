package io.github.stalecerts.cli;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.aws.AwsClients;
import io.github.stalecerts.iam.IamAccount;
import io.github.stalecerts.iam.Sleeper;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Verdict;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The local command: {@code java -jar rule-lambda.jar audit ...}. Dry-run: it prints verdicts and
 * reports nothing to Config. Exit 0 when it ran, 2 for bad arguments, 1 for failures.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    /** What needs attention first. */
    private static final List<Compliance> PRINT_ORDER =
            List.of(Compliance.NON_COMPLIANT, Compliance.COMPLIANT, Compliance.NOT_APPLICABLE);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, () -> AwsClients.fromEnvironment().iam()));
    }

    /** Runs the command; the IAM client is made only once the arguments are known to be good. */
    static int run(String[] args, PrintStream out, PrintStream err, Supplier<IamClient> iam) {
        if (args.length == 0 || !args[0].equals("audit")) {
            err.println(args.length == 0 ? "missing command" : "unknown command '" + Echo.of(args[0]) + "'");
            err.println(AuditOptions.USAGE);
            return BAD_ARGUMENTS;
        }
        AuditOptions options;
        try {
            options = AuditOptions.parse(Arrays.asList(args).subList(1, args.length));
        } catch (UsageException e) {
            err.println("audit: " + e.getMessage());
            err.println(AuditOptions.USAGE);
            return BAD_ARGUMENTS;
        }
        try {
            AccountAudit audit = new AccountAudit(new IamAccount(iam.get(), Sleeper.REAL),
                    new Evaluator(options.parameters(), options.clock()));
            AuditResult result = audit.all();
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
        } catch (RuntimeException e) {
            err.println("audit failed: " + e.getMessage());
            return FAILED;
        }
    }
}
