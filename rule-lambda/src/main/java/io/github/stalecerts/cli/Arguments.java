package io.github.stalecerts.cli;

import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.InvalidRuleParameterException;
import io.github.stalecerts.rule.RuleParameters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command's arguments: options with a value, flags, and the repeatable {@code --param NAME=VALUE}. */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final Map<String, String> params = new LinkedHashMap<>();

    static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (flagOptions.contains(arg)) {
                parsed.flags.add(arg);
            } else if (arg.equals("--param")) {
                parsed.param(value(args, ++i, arg));
            } else if (valueOptions.contains(arg)) {
                if (parsed.values.put(arg, value(args, ++i, arg)) != null) {
                    throw new UsageException(arg + " is given twice");
                }
            } else {
                throw new UsageException("unknown argument '" + Echo.of(arg) + "'");
            }
        }
        return parsed;
    }

    Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    boolean flag(String option) {
        return flags.contains(option);
    }

    /** The --param values as rule parameters; a bad one is a usage error naming it. */
    RuleParameters ruleParameters() {
        try {
            return RuleParameters.parse(params);
        } catch (InvalidRuleParameterException e) {
            throw new UsageException("--param: " + e.getMessage());
        }
    }

    private void param(String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--param takes NAME=VALUE, got '" + Echo.of(pair) + "'");
        }
        if (params.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
            throw new UsageException("--param " + Echo.of(pair.substring(0, eq)) + " is given twice");
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
