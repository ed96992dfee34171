package io.github.stalecerts.cli;

import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.InvalidRuleParameterException;
import io.github.stalecerts.rule.RuleParameters;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The audit command's arguments: {@code [--format table|json|csv] [--as-of YYYY-MM-DD] [--param NAME=VALUE ...]}. */
record AuditOptions(OutputFormat format, Optional<LocalDate> asOf, RuleParameters parameters) {

    static final String USAGE = "usage: audit [--format table|json|csv] [--as-of YYYY-MM-DD] [--param NAME=VALUE ...]";

    static AuditOptions parse(List<String> args) {
        OutputFormat format = OutputFormat.TABLE;
        Optional<LocalDate> asOf = Optional.empty();
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--format" -> format = format(value(args, ++i, arg));
                case "--as-of" -> asOf = Optional.of(day(value(args, ++i, arg)));
                case "--param" -> {
                    String pair = value(args, ++i, arg);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--param takes NAME=VALUE, got '" + Echo.of(pair) + "'");
                    }
                    if (params.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                        throw new UsageException("--param " + Echo.of(pair.substring(0, eq)) + " is given twice");
                    }
                }
                default -> throw new UsageException("unknown argument '" + Echo.of(arg) + "'");
            }
        }
        try {
            return new AuditOptions(format, asOf, RuleParameters.parse(params));
        } catch (InvalidRuleParameterException e) {
            throw new UsageException("--param: " + e.getMessage());
        }
    }

    /** The clock to evaluate with: the start of the --as-of day in UTC, or now. */
    Clock clock() {
        return asOf.map(day -> Clock.fixed(day.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC))
                .orElseGet(Clock::systemUTC);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
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
