package io.github.stalecerts.cdk;

import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.InvalidRuleParameterException;
import io.github.stalecerts.rule.RuleParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awscdk.services.config.MaximumExecutionFrequency;

/**
 * What a user can choose at deploy time, read from CDK context and validated before anything is
 * synthesized. The rule parameters are validated by the rule's own parser ({@link RuleParameters}),
 * so synth rejects exactly what the Lambda would reject at run time.
 */
public record RuleSettings(
        String ruleName,
        MaximumExecutionFrequency maximumExecutionFrequency,
        RuleParameters parameters,
        Path ruleJar,
        boolean reservedConcurrency) {

    public static final String RULE_NAME = "ruleName";
    public static final String MAXIMUM_EXECUTION_FREQUENCY = "maximumExecutionFrequency";
    public static final String RULE_JAR = "ruleJar";
    /**
     * {@code true} (the default): each function reserves the concurrency it is sized for. {@code false}: no
     * reservation, for accounts whose Lambda concurrency quota cannot spare it (Lambda keeps 100 unreserved).
     * A flag, not a number: any reservation needs the same quota headroom, and a reservation of 0 stops a
     * function altogether.
     */
    public static final String RESERVED_CONCURRENCY = "reservedConcurrency";

    public static final String DEFAULT_RULE_NAME = "stale-signing-certificates";
    public static final MaximumExecutionFrequency DEFAULT_FREQUENCY = MaximumExecutionFrequency.TWENTY_FOUR_HOURS;
    /** Relative to the directory `cdk` runs in: the repository root. */
    public static final String DEFAULT_RULE_JAR = "rule-lambda/target/rule-lambda.jar";

    /** Every context key this app reads, in the order the README documents them. */
    public static final List<String> KEYS = Stream.of(
            Stream.of(RULE_NAME, MAXIMUM_EXECUTION_FREQUENCY),
            RuleParameters.NAMES.stream(), // from the parameters' descriptions: every one is a context key
            Stream.of(RULE_JAR, RESERVED_CONCURRENCY)).flatMap(keys -> keys).toList();

    // Config rule names: up to 128 characters; kept to characters that need no quoting anywhere.
    private static final Pattern RULE_NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /**
     * Reads the settings from context.
     *
     * @param context looks a context key up (e.g. {@code app.getNode()::tryGetContext}); null when unset
     * @throws InvalidContextException naming the key, for any value that could not be deployed
     */
    public static RuleSettings fromContext(Function<String, Object> lookup) {
        ContextReader context = new ContextReader(lookup);
        String ruleName = context.text(RULE_NAME).orElse(DEFAULT_RULE_NAME);
        if (!RULE_NAME_PATTERN.matcher(ruleName).matches()) {
            throw new InvalidContextException("context '" + RULE_NAME + "' must be 1-128 letters, digits, '-', '_' or '.', got '"
                    + Echo.of(ruleName) + "'");
        }

        MaximumExecutionFrequency frequency = frequency(context.text(MAXIMUM_EXECUTION_FREQUENCY).orElse(null));

        Map<String, String> raw = new LinkedHashMap<>();
        for (String name : RuleParameters.NAMES) {
            context.text(name).ifPresent(value -> raw.put(name, value));
        }
        RuleParameters parameters;
        try {
            parameters = RuleParameters.parse(raw);
        } catch (InvalidRuleParameterException e) {
            // The rule's message names the parameter, which is also the context key.
            throw new InvalidContextException("invalid context value: " + e.getMessage());
        }

        Path ruleJar = Path.of(context.text(RULE_JAR).orElse(DEFAULT_RULE_JAR));
        if (!Files.isRegularFile(ruleJar)) {
            throw new InvalidContextException("context '" + RULE_JAR + "': the rule's jar " + ruleJar.toAbsolutePath()
                    + " does not exist; build it first with ./mvnw -q package -DskipTests (from the repository root)");
        }
        return new RuleSettings(ruleName, frequency, parameters, ruleJar,
                context.flag(RESERVED_CONCURRENCY, true));
    }

    private static MaximumExecutionFrequency frequency(String value) {
        if (value == null) {
            return DEFAULT_FREQUENCY;
        }
        for (MaximumExecutionFrequency candidate : MaximumExecutionFrequency.values()) {
            if (configValue(candidate).equals(value)) {
                return candidate;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (MaximumExecutionFrequency candidate : MaximumExecutionFrequency.values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(configValue(candidate));
        }
        throw new InvalidContextException("context '" + MAXIMUM_EXECUTION_FREQUENCY + "' must be one of " + allowed
                + ", got '" + Echo.of(value) + "'");
    }

    /** Config's spelling of a frequency, e.g. {@code TwentyFour_Hours}. */
    static String configValue(MaximumExecutionFrequency frequency) {
        return switch (frequency) {
            case ONE_HOUR -> "One_Hour";
            case THREE_HOURS -> "Three_Hours";
            case SIX_HOURS -> "Six_Hours";
            case TWELVE_HOURS -> "Twelve_Hours";
            case TWENTY_FOUR_HOURS -> "TwentyFour_Hours";
        };
    }
}
