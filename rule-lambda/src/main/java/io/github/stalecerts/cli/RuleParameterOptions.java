package io.github.stalecerts.cli;

import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.InvalidRuleParameterException;
import io.github.stalecerts.rule.RuleParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The repeatable {@code --param NAME=VALUE}: the rule's parameters, parsed as Config's are. */
final class RuleParameterOptions {

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = {
            "A rule parameter, as the deployed rule takes it (repeatable):",
            "  " + RuleParameters.MAX_CERTIFICATE_AGE_DAYS + ": an active certificate uploaded longer ago than this many days is stale, "
                    + RuleParameters.MAX_AGE_RANGE_LOW + " to " + RuleParameters.RANGE_HIGH
                    + " (default: " + RuleParameters.DEFAULT_MAX_CERTIFICATE_AGE_DAYS + ")",
            "  " + RuleParameters.EXPIRY_WARNING_DAYS + ": an active certificate whose X.509 notAfter is within this many days, or past, is stale, "
                    + RuleParameters.EXPIRY_RANGE_LOW + " to " + RuleParameters.RANGE_HIGH
                    + " (default: " + RuleParameters.DEFAULT_EXPIRY_WARNING_DAYS + ")",
            "  " + RuleParameters.ROOT_CERTIFICATE_POLICY + ": rotate (the root account is judged like a user) "
                    + "or forbid (any active root certificate is non-compliant) (default: rotate)",
            "  " + RuleParameters.EXEMPT_TAG_KEY + ": a user tagged with this key and value true is NOT_APPLICABLE (default: none)"})
    private List<String> pairs = new ArrayList<>();

    /** The --param values as rule parameters; a bad one is a usage error naming it. */
    RuleParameters ruleParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param takes NAME=VALUE, got '" + Echo.of(pair) + "'");
            }
            if (params.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw new UsageException("--param " + Echo.of(pair.substring(0, eq)) + " is given twice");
            }
        }
        try {
            return RuleParameters.parse(params);
        } catch (InvalidRuleParameterException e) {
            throw new UsageException("--param: " + e.getMessage());
        }
    }
}
