package io.github.stalecerts.cli;

import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.aws.OrganizationClients;
import io.github.stalecerts.cli.OutputFormat.AccountVerdict;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.organization.AccountOutcome;
import io.github.stalecerts.organization.AccountSelection;
import io.github.stalecerts.organization.AccountSessions;
import io.github.stalecerts.organization.Caller;
import io.github.stalecerts.organization.MemberAccountAuditor;
import io.github.stalecerts.organization.OrganizationAudit;
import io.github.stalecerts.organization.AwsOrganization;
import io.github.stalecerts.organization.RootSessions;
import io.github.stalecerts.report.AuditRun;
import io.github.stalecerts.report.ReportedAccount;
import io.github.stalecerts.rule.Evaluator;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** {@code audit --organization}: lists the accounts, audits the active ones in parallel, prints every row with its account. */
final class OrganizationRun {

    private final AuditOptions options;
    private final OrganizationOptions organization;
    private final CliEnvironment environment;

    OrganizationRun(AuditOptions options, OrganizationOptions organization, CliEnvironment environment) {
        this.options = options;
        this.organization = organization;
        this.environment = environment;
    }

    int run() {
        PrintStream out = environment.out();
        PrintStream err = environment.err();
        OrganizationClients clients = environment.organization().get();
        AwsOrganization directory = new AwsOrganization(clients.organizations(), clients.sts());
        Caller caller = directory.caller();
        AccountSelection selection = AccountSelection.of(directory.accounts(), organization.accounts());
        if (!selection.notActiveMembers().isEmpty()) {
            throw new UsageException("--account is not an active account of the organization: "
                    + String.join(", ", selection.notActiveMembers()));
        }
        selection.skipped().forEach(account -> err.println("note: skipped account " + account.label()
                + ": its state is " + account.state() + ", not ACTIVE"));

        // Every account is judged as of the same instant.
        Clock clock = Clock.fixed(options.clock().instant(), ZoneOffset.UTC);
        AccountSessions sessions = new AccountSessions(clients.sts(), clients.iamWith(), environment.iam().get(),
                caller, organization.roleName());
        Evaluator evaluator = new Evaluator(options.parameters(), clock);
        // Root sessions never target it (a must); the reports advise its root differently from a member's (a nicety:
        // without it they word the root advice for both cases, and the audit goes on).
        Optional<String> managementAccountId = organization.rootSession()
                ? Optional.of(directory.managementAccountId())
                : options.format().rendersWholeRun() ? managementAccountForAdvice(directory) : Optional.empty();
        Optional<MemberAccountAuditor.RootReading> rootReading = organization.rootSession()
                ? Optional.of(new MemberAccountAuditor.RootReading(
                        new RootSessions(clients.sts(), clients.iamWith(), caller.partition()), managementAccountId.orElseThrow()))
                : Optional.empty();
        MemberAccountAuditor auditor = new MemberAccountAuditor(sessions, evaluator, Sleeper.REAL, rootReading);
        OrganizationAudit audit = new OrganizationAudit(auditor, organization.concurrency());
        ProgressPrinter progress = new ProgressPrinter(err, environment.terminal());
        progress.started(selection.audited().size());
        List<AccountOutcome> outcomes = audit.run(selection.audited(), progress);

        if (options.format().rendersWholeRun()) {
            out.print(options.format().renderRun(AuditRun.ofOrganization(evaluator,
                    managementAccountId, outcomes.stream()
                    .map(o -> new ReportedAccount(o.account().id(), o.account().name(), o.result(), o.failure()))
                    .toList(), Instant.now())));
        } else {
            List<AccountVerdict> rows = outcomes.stream()
                    .flatMap(o -> o.result().stream().flatMap(r -> r.verdicts().stream()
                            .map(v -> new AccountVerdict(o.account().id(), v))))
                    .sorted(OutputFormat.ACCOUNT_ORDER)
                    .toList();
            out.print(options.format().renderByAccount(rows));
        }
        if (organization.summary()) {
            out.println();
            out.print(summary(outcomes));
        }
        out.flush();

        for (AccountOutcome outcome : outcomes) {
            String account = "account " + outcome.account().label();
            outcome.result().ifPresent(r -> r.warnings().forEach(w -> err.println("warning: " + account + ": " + w)));
        }
        boolean allAudited = true;
        for (AccountOutcome outcome : outcomes) {
            String account = "account " + outcome.account().label();
            if (outcome.failure().isPresent()) {
                err.println("audit: " + account + " could not be audited: " + outcome.failure().get());
                allAudited = false;
            } else if (!outcome.complete()) {
                AuditResult result = outcome.result().orElseThrow();
                result.unreadableLines(Optional.of(outcome.account().id())).forEach(err::println);
                err.println("audit: " + account + ": " + result.unreadableSummary());
                allAudited = false;
            }
        }
        return allAudited ? Main.OK : Main.FAILED;
    }

    private static String summary(List<AccountOutcome> outcomes) {
        List<List<String>> rows = outcomes.stream().map(o -> List.of(o.account().id(), o.account().name(),
                Long.toString(o.users()), Long.toString(o.nonCompliant()), Long.toString(o.unread()),
                o.failure().orElse(o.complete() ? "" : "some principals could not be read"))).toList();
        return OutputFormat.table(List.of("ACCOUNT", "NAME", "USERS", "NON-COMPLIANT", "UNREAD", "ERROR"), rows);
    }


    private Optional<String> managementAccountForAdvice(AwsOrganization directory) {
        try {
            return Optional.of(directory.managementAccountId());
        } catch (AwsCallException e) {
            environment.err().println("warning: the report's root advice cannot tell the management account from the members: "
                    + e.getMessage());
            return Optional.empty();
        }
    }
}
