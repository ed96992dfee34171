package io.github.stalecerts.cli;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Deadline;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.organization.AccountSessions;
import io.github.stalecerts.rule.AccountId;
import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Verdict;
import io.github.stalecerts.report.AuditRun;
import io.github.stalecerts.report.OcsfFindings;
import io.github.stalecerts.report.ReportedAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code audit}: judges the account's (or the organization's) principals and prints the verdicts. */
@Command(name = "audit", separator = " ", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        usageHelpWidth = 120,
        description = {
                "Judges the signing certificates of every IAM user and of the root account with the rule, and prints "
                        + "one verdict per principal: COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE. A dry run: it reports "
                        + "nothing to AWS Config and changes nothing.",
                "Uses the default AWS credential chain and region, and the SDK's endpoint variables "
                        + "(AWS_ENDPOINT_URL, ...).",
                "With --organization it lists the organization's accounts and audits every active one: the caller's "
                        + "own account with the caller's credentials, every other through sts:AssumeRole into --role-name. "
                        + "Every row then carries the account id."},
        footer = {"",
                "Exit status: 0 when it ran, whatever the verdicts; 1 when a principal could not be read, an account could "
                        + "not be audited, or AWS failed; 2 for bad arguments."})
final class AuditCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Option(names = "--format", paramLabel = "table|json|csv|html|ocsf", converter = FormatConverter.class,
            description = "Output format (default: table; with --organization, the table is followed by a per-account "
                    + "summary unless --format is given). html: one self-contained page (totals, unread principals, "
                    + "accounts worst first, a timeline of what turns stale, ages, how to remediate); ocsf: a JSON array "
                    + "of OCSF " + OcsfFindings.OCSF_VERSION + " Compliance Findings, one per principal.")
    private OutputFormat format;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", converter = DayConverter.class,
            description = "Judge as of the start of this day in UTC, from 1970-01-01 to 9999-12-31, e.g. to see what "
                    + "will be stale in 30 days (default: now).")
    private LocalDate asOf;

    @Mixin
    private RuleParameterOptions parameters;

    @Option(names = "--organization",
            description = "Audit every active account of the caller's AWS Organization. Run with credentials of the "
                    + "management account or of a delegated administrator allowed organizations:ListAccounts.")
    private boolean organization;

    @Option(names = "--role-name", paramLabel = "NAME", converter = RoleNameConverter.class,
            description = "With --organization: the role assumed in every account but the caller's "
                    + "(default: " + AccountSessions.DEFAULT_ROLE_NAME + ").")
    private String roleName;

    @Option(names = "--account", paramLabel = "ID", converter = AccountIdConverter.class,
            description = "With --organization: audit only this account; repeatable. It must be an active account "
                    + "of the organization (default: every active account).")
    private List<String> accounts = new ArrayList<>();

    @Option(names = "--concurrency", paramLabel = "N", converter = ConcurrencyConverter.class,
            description = "With --organization: how many accounts are audited at once, 1 to "
                    + OrganizationOptions.MAX_CONCURRENCY + " (default: " + OrganizationOptions.DEFAULT_CONCURRENCY + ").")
    private Integer concurrency;

    @Option(names = "--root-session",
            description = "With --organization: read every member account's root user through a root session "
                    + "(sts:AssumeRoot with the task policy IAMAuditRootUserCredentials, at most 900 s) and judge its "
                    + "certificates exactly, X.509 expiry included. A privileged session that each member's CloudTrail "
                    + "records. The management account's root, and any member where the session is refused, is judged "
                    + "from its credential report, with a note (default: off, every root from its credential report).")
    private boolean rootSession;

    AuditCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        AuditOptions options = options();
        if (options.organization().isPresent()) {
            return new OrganizationRun(options, options.organization().get(), environment).run();
        }
        // One instant for the verdicts and the report's timeline.
        Evaluator evaluator = new Evaluator(options.parameters(), Clock.fixed(options.clock().instant(), ZoneOffset.UTC));
        AuditResult result = new AccountAudit(new AwsIamDirectory(environment.iam().get(), Sleeper.REAL),
                evaluator, Optional.empty(), AccountAudit.DEFAULT_LISTING_THREADS,
                Deadline.NONE).all();
        if (options.format().rendersWholeRun()) {
            environment.out().print(options.format().renderRun(
                    AuditRun.ofAccount(evaluator, ReportedAccount.of(result), Instant.now())));
        } else {
            List<Verdict> verdicts = result.verdicts().stream().sorted(OutputFormat.PRINT_ORDER).toList();
            environment.out().print(options.format().render(verdicts));
        }
        environment.out().flush();
        result.warnings().forEach(w -> environment.err().println("warning: " + w));
        if (!result.complete()) {
            result.unreadableLines().forEach(environment.err()::println);
            environment.err().println("audit: " + result.unreadableSummary());
            return Main.FAILED;
        }
        return Main.OK;
    }

    /** The options, checked together; a bad combination is a UsageException. */
    AuditOptions options() {
        Optional<OrganizationOptions> org = Optional.empty();
        if (organization) {
            org = Optional.of(new OrganizationOptions(
                    roleName == null ? AccountSessions.DEFAULT_ROLE_NAME : roleName,
                    new LinkedHashSet<>(accounts),
                    concurrency == null ? OrganizationOptions.DEFAULT_CONCURRENCY : concurrency,
                    format == null, rootSession));
        } else {
            for (String option : List.of("--role-name", "--account", "--concurrency", "--root-session")) {
                if (given(option)) {
                    throw new UsageException(option + " needs --organization");
                }
            }
        }
        return new AuditOptions(format == null ? OutputFormat.TABLE : format, Optional.ofNullable(asOf),
                parameters.ruleParameters(), org);
    }

    private boolean given(String option) {
        return switch (option) {
            case "--role-name" -> roleName != null;
            case "--account" -> !accounts.isEmpty();
            case "--concurrency" -> concurrency != null;
            case "--root-session" -> rootSession;
            default -> throw new IllegalArgumentException(option);
        };
    }

    static final class FormatConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--format must be table, json, csv, html or ocsf, got '" + Echo.of(value) + "'");
            }
        }
    }

    static final class DayConverter implements ITypeConverter<LocalDate> {
        private static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
        private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

        @Override
        public LocalDate convert(String value) {
            try {
                LocalDate day = LocalDate.parse(value);
                if (!day.isBefore(FIRST) && !day.isAfter(LAST)) {
                    return day;
                }
            } catch (DateTimeParseException e) {
                // said below
            }
            throw new TypeConversionException("--as-of must be a date YYYY-MM-DD from " + FIRST + " to " + LAST
                    + ", got '" + Echo.of(value) + "'");
        }
    }

    static final class AccountIdConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!AccountId.isValid(value)) {
                throw new TypeConversionException("--account must be a 12-digit AWS account id, got '" + Echo.of(value) + "'");
            }
            return value;
        }
    }

    static final class RoleNameConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!AccountSessions.ROLE_NAME.matcher(value).matches()) {
                throw new TypeConversionException("--role-name must be an IAM role name (1 to 64 letters, digits and "
                        + "+ = , . @ _ -), got '" + Echo.of(value) + "'");
            }
            return value;
        }
    }

    static final class ConcurrencyConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return OrganizationOptions.CONCURRENCY.parse(value).orElseThrow(() -> new TypeConversionException(
                    "--concurrency must be a whole number " + OrganizationOptions.CONCURRENCY.describe()
                            + ", got '" + Echo.of(value) + "'"));
        }
    }
}
