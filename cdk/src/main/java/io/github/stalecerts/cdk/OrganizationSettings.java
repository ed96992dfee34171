package io.github.stalecerts.cdk;

import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.WholeNumbers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the organization stack deploys the rule and how fast: read from CDK context, validated before
 * synthesis; a bad value fails naming its key. Present only when {@value #ORGANIZATIONAL_UNIT_IDS} is set.
 *
 * @param organizationalUnitIds      the OUs (or the organization's root) whose accounts get the rule, now and later
 * @param callAs                     {@code DELEGATED_ADMIN} (a StackSets delegated administrator deploys) or
 *                                   {@code SELF} (the management account deploys)
 * @param maxConcurrentPercentage    share of the target accounts deployed at once
 * @param failureTolerancePercentage share of the target accounts that may fail before the operation stops
 */
public record OrganizationSettings(
        List<String> organizationalUnitIds,
        String callAs,
        int maxConcurrentPercentage,
        int failureTolerancePercentage) {

    public static final String ORGANIZATIONAL_UNIT_IDS = "organizationalUnitIds";
    public static final String CALL_AS = "callAs";
    public static final String MAX_CONCURRENT_PERCENTAGE = "maxConcurrentPercentage";
    public static final String FAILURE_TOLERANCE_PERCENTAGE = "failureTolerancePercentage";

    public static final List<String> KEYS = List.of(ORGANIZATIONAL_UNIT_IDS, CALL_AS, MAX_CONCURRENT_PERCENTAGE,
            FAILURE_TOLERANCE_PERCENTAGE);

    public static final List<String> CALL_AS_VALUES = List.of("DELEGATED_ADMIN", "SELF");
    public static final String DEFAULT_CALL_AS = "DELEGATED_ADMIN";
    /**
     * A staged rollout: a quarter of the accounts at a time, stopping once a tenth have failed. CloudFormation's
     * default concurrency mode (strict failure tolerance) also caps the accounts in flight at the failure
     * tolerance plus one, so a template that fails everywhere stops after about a tenth of the organization.
     */
    public static final int DEFAULT_MAX_CONCURRENT_PERCENTAGE = 25;
    public static final int DEFAULT_FAILURE_TOLERANCE_PERCENTAGE = 10;
    static final WholeNumbers MAX_CONCURRENT_RANGE = new WholeNumbers(1, 100);
    static final WholeNumbers FAILURE_TOLERANCE_RANGE = new WholeNumbers(0, 100);

    /** AWS Organizations' patterns: an OU id, or a root id. */
    private static final Pattern TARGET = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}");

    public OrganizationSettings {
        organizationalUnitIds = List.copyOf(organizationalUnitIds);
    }

    /** The settings, or empty when {@value #ORGANIZATIONAL_UNIT_IDS} is unset (the app then has no organization stack). */
    public static Optional<OrganizationSettings> fromContext(Function<String, Object> lookup) {
        ContextReader context = new ContextReader(lookup);
        String ids = context.text(ORGANIZATIONAL_UNIT_IDS).orElse(null);
        if (ids == null) {
            for (String key : KEYS) {
                if (context.text(key).isPresent()) {
                    throw new InvalidContextException("context '" + key + "' applies to the organization stack only; set '"
                            + ORGANIZATIONAL_UNIT_IDS + "' too");
                }
            }
            return Optional.empty();
        }
        Set<String> targets = new LinkedHashSet<>();
        for (String id : ids.split(",", -1)) {
            String target = id.trim();
            if (!TARGET.matcher(target).matches()) {
                throw new InvalidContextException("context '" + ORGANIZATIONAL_UNIT_IDS + "' must be comma-separated OU ids "
                        + "(ou-xxxx-xxxxxxxx) or the organization's root id (r-xxxx), got '" + Echo.of(target) + "'");
            }
            if (!targets.add(target)) {
                throw new InvalidContextException("context '" + ORGANIZATIONAL_UNIT_IDS + "' names '" + target + "' twice");
            }
        }
        String callAs = context.choice(CALL_AS, DEFAULT_CALL_AS, CALL_AS_VALUES);
        return Optional.of(new OrganizationSettings(new ArrayList<>(targets), callAs,
                context.number(MAX_CONCURRENT_PERCENTAGE, DEFAULT_MAX_CONCURRENT_PERCENTAGE, MAX_CONCURRENT_RANGE),
                context.number(FAILURE_TOLERANCE_PERCENTAGE, DEFAULT_FAILURE_TOLERANCE_PERCENTAGE, FAILURE_TOLERANCE_RANGE)));
    }
}
