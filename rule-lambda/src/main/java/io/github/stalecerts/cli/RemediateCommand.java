package io.github.stalecerts.cli;

import io.github.stalecerts.aws.OrganizationClients;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.organization.Caller;
import io.github.stalecerts.organization.MemberAccount;
import io.github.stalecerts.organization.AwsOrganization;
import io.github.stalecerts.organization.RootCertificateRemediator;
import io.github.stalecerts.organization.RootSessions;
import io.github.stalecerts.remediation.CertificateRemediator;
import io.github.stalecerts.remediation.RemediationResult;
import io.github.stalecerts.remediation.RemediationResult.Change;
import io.github.stalecerts.remediation.RemediationResult.Outcome;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.RootCertificatePolicy;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code remediate}: deactivates one user's stale certificates, or deletes a member root user's. */
@Command(name = "remediate", separator = " ", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false, usageHelpWidth = 120,
        customSynopsis = {
                Main.NAME + " remediate --user NAME [--dry-run] [--param NAME=VALUE]...",
                "       " + Main.NAME + " remediate --root --account ID [--delete] [--param NAME=VALUE]...",
                "       " + Main.NAME + " remediate (-h | -V)"},
        description = {
                "With --user: deactivates exactly the certificates of one IAM user that the rule finds stale, judged "
                        + "with the same parameters. Never deletes and never touches a fresh certificate: a deactivated "
                        + "certificate can be set Active again.",
                "With --root --account ID: lists the stale certificates of a member account's root user through a root "
                        + "session (AssumeRoot with the task policy IAMAuditRootUserCredentials); with --delete it deletes "
                        + "exactly those (task policy IAMDeleteRootUserCredentials). No task policy allows deactivating a "
                        + "root certificate, and a deletion cannot be undone. Run with credentials of the management "
                        + "account or the IAM delegated administrator; the management account's own root is never a target."},
        footer = {"",
                "Exit status: 0 when it ran (also when nothing was stale or the user is exempt); 1 when the user does not "
                        + "exist or AWS refused or failed (e.g. centralized root access not enabled); 2 for bad arguments, "
                        + "including an --account that is the management account or not an active member."})
final class RemediateCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Option(names = "--user", paramLabel = "NAME", description = "The IAM user whose stale certificates are deactivated.")
    private String user;

    @Option(names = "--dry-run", description = "With --user: only say which certificates would be deactivated; change nothing.")
    private boolean dryRun;

    @Option(names = "--root", description = "Remediate the root user of the member account given with --account.")
    private boolean root;

    @Option(names = "--account", paramLabel = "ID", converter = AuditCommand.AccountIdConverter.class,
            description = "With --root: the member account (12 digits).")
    private String account;

    @Option(names = "--delete", description = "With --root: delete the stale root certificates; this cannot be undone "
            + "(default: only list them).")
    private boolean delete;

    @Mixin
    private RuleParameterOptions parameters;

    RemediateCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    RemediateOptions options() {
        if (root) {
            if (user != null) {
                throw new UsageException("--user and --root exclude each other");
            }
            if (dryRun) {
                throw new UsageException("--dry-run is for --user; --root only lists unless --delete is given");
            }
            if (account == null) {
                throw new UsageException("--root needs --account ID");
            }
            return new RemediateOptions(null, false, parameters.ruleParameters(), Optional.of(account), delete);
        }
        if (account != null || delete) {
            throw new UsageException((account != null ? "--account" : "--delete") + " needs --root");
        }
        if (user == null || user.isBlank()) {
            throw new UsageException("--user NAME is required");
        }
        return new RemediateOptions(user, dryRun, parameters.ruleParameters(), Optional.empty(), false);
    }

    @Override
    public Integer call() {
        RemediateOptions options = options();
        if (options.rootAccount().isPresent()) {
            return remediateRoot(options.rootAccount().get(), options);
        }
        CertificateRemediator remediator = new CertificateRemediator(new AwsIamDirectory(environment.iam().get(), Sleeper.REAL),
                Optional.empty(), new Evaluator(options.parameters(), Clock.systemUTC()));
        return print(remediator.byUserName(options.userName(), options.dryRun()), options);
    }

    private int remediateRoot(String accountId, RemediateOptions options) {
        OrganizationClients clients = environment.organization().get();
        AwsOrganization organization = new AwsOrganization(clients.organizations(), clients.sts());
        Caller caller = organization.caller();
        if (accountId.equals(organization.managementAccountId())) {
            throw new UsageException("--account " + accountId + " is the management account: AssumeRoot cannot reach its "
                    + "root user (only a member's); its root certificates can be changed only by that root user");
        }
        MemberAccount member = organization.accounts().stream().filter(a -> a.id().equals(accountId)).findFirst()
                .orElseThrow(() -> new UsageException("--account " + accountId + " is not an account of the organization"));
        if (!member.active()) {
            throw new UsageException("--account " + accountId + " is not an active member (" + member.state() + ")");
        }
        RemediationResult result = new RootCertificateRemediator(
                new RootSessions(clients.sts(), clients.iamWith(), caller.partition()),
                new Evaluator(options.parameters(), Clock.systemUTC()), Sleeper.REAL)
                .remediate(member, options.delete());
        return print(result, options);
    }

    /** The outcome and the remediator's message, then one line per certificate; a failure also on stderr. */
    private int print(RemediationResult result, RemediateOptions options) {
        PrintStream out = environment.out();
        out.println(result.outcome() + ": " + result.message());
        result.stale().forEach(id -> out.println("  " + staleLine(result, id) + " " + id));
        result.kept().forEach(id -> out.println("  kept (fresh) " + id));
        result.notActive().forEach(id -> out.println("  kept (not active) " + id));
        if (result.change() == Change.DELETE && !result.kept().isEmpty()
                && options.parameters().rootCertificatePolicy() == RootCertificatePolicy.FORBID) {
            // The audit calls this root NON_COMPLIANT for any active certificate; never let "kept (fresh)" read as fine.
            out.println("note: with rootCertificatePolicy=forbid the rule finds every active root certificate non-compliant, "
                    + "the fresh ones above too; this command deletes only stale ones: delete the others once nothing uses them");
        }
        if (result.failure().isPresent()) {
            environment.err().println("remediate failed: " + result.failure().get());
            return Main.FAILED;
        }
        return result.outcome() == Outcome.USER_NOT_FOUND ? Main.FAILED : Main.OK;
    }

    private static String staleLine(RemediationResult result, String id) {
        return switch (result.change()) {
            case DEACTIVATE -> result.dryRun() ? "would deactivate" : "deactivated";
            case DELETE -> result.dryRun() ? "stale" : result.changed().contains(id) ? "deleted" : "stale, not deleted";
        };
    }
}
