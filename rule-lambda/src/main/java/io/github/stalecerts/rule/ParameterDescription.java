package io.github.stalecerts.rule;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One rule parameter, described once: the CLI's {@code --param} help, the CDK context keys, the Config
 * input parameters and the README's table are all derived from (or tested against) these descriptions.
 *
 * @param name         the parameter's name: Config input parameter, CDK context key and {@code --param} name
 * @param defaultValue the value a missing parameter takes; empty: none
 * @param range        the numbers allowed, for a number
 * @param choices      the values allowed, for a choice
 * @param help         what the parameter means, one sentence without the range and default
 * @param value        the parameter's value in a set of parameters, as Config's input parameter string
 */
public record ParameterDescription(
        String name,
        Optional<String> defaultValue,
        Optional<WholeNumbers> range,
        List<String> choices,
        String help,
        Function<RuleParameters, Optional<String>> value) {

    public ParameterDescription {
        choices = List.copyOf(choices);
    }

    /** The CLI help line: name, meaning, range, default. */
    public String helpLine() {
        return name + ": " + help + range.map(r -> ", " + r.bounds()).orElse("")
                + " (default: " + defaultValue.orElse("none") + ")";
    }
}
