package io.github.stalecerts.cli;

import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.RuleParameters;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The audit command's arguments: {@code [--format table|json|csv] [--as-of YYYY-MM-DD] [--param NAME=VALUE ...]}. */
record AuditOptions(OutputFormat format, Optional<LocalDate> asOf, RuleParameters parameters) {

    static final String USAGE = "usage: audit [--format table|json|csv] [--as-of YYYY-MM-DD] [--param NAME=VALUE ...]";

    static AuditOptions parse(List<String> args) {
        Arguments parsed = Arguments.parse(args, Set.of("--format", "--as-of"), Set.of());
        return new AuditOptions(
                parsed.value("--format").map(AuditOptions::format).orElse(OutputFormat.TABLE),
                parsed.value("--as-of").map(AuditOptions::day),
                parsed.ruleParameters());
    }

    /** The clock to evaluate with: the start of the --as-of day in UTC, or now. */
    Clock clock() {
        return asOf.map(day -> Clock.fixed(day.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC))
                .orElseGet(Clock::systemUTC);
    }

    private static OutputFormat format(String value) {
        try {
            return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format must be table, json or csv, got '" + Echo.of(value) + "'");
        }
    }

    private static LocalDate day(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--as-of must be a date YYYY-MM-DD, got '" + Echo.of(value) + "'");
        }
    }
}
