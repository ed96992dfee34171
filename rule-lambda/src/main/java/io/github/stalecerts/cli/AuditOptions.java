package io.github.stalecerts.cli;

import io.github.stalecerts.rule.RuleParameters;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The audit command's arguments, validated.
 *
 * @param organization set with {@code --organization}: audit every account of the organization
 */
record AuditOptions(OutputFormat format, Optional<LocalDate> asOf, RuleParameters parameters,
                    Optional<OrganizationOptions> organization) {

    /** Parses the audit command's arguments the way the command line does; a bad one is a UsageException. */
    static AuditOptions parse(List<String> args) {
        AuditCommand command = new AuditCommand(null);
        Main.parse(command, args);
        return command.options();
    }

    /** The clock to evaluate with: the start of the --as-of day in UTC, or now. */
    Clock clock() {
        return asOf.map(day -> Clock.fixed(day.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC))
                .orElseGet(Clock::systemUTC);
    }
}
