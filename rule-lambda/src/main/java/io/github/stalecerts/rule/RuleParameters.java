package io.github.stalecerts.rule;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rule's input parameters, validated. Config passes every value as a string; a value that
 * does not validate fails the run instead of silently falling back to a default.
 */
public record RuleParameters(
        int maxCertificateAgeDays,
        int expiryWarningDays,
        RootCertificatePolicy rootCertificatePolicy,
        Optional<String> exemptTagKey) {

    public static final String MAX_CERTIFICATE_AGE_DAYS = "maxCertificateAgeDays";
    public static final String EXPIRY_WARNING_DAYS = "expiryWarningDays";
    public static final String ROOT_CERTIFICATE_POLICY = "rootCertificatePolicy";
    public static final String EXEMPT_TAG_KEY = "exemptTagKey";

    public static final int DEFAULT_MAX_CERTIFICATE_AGE_DAYS = 90;
    public static final int DEFAULT_EXPIRY_WARNING_DAYS = 30;
    /** Up to ten years: past that a limit is no limit, and it is more likely a typo. */
    public static final WholeNumbers MAX_AGE_RANGE = new WholeNumbers(1, 3650);
    public static final WholeNumbers EXPIRY_RANGE = new WholeNumbers(0, 3650);

    // IAM tag keys: 1-128 characters of letters, digits, spaces and _ . : / = + - @
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");

    /** "'rotate' or 'forbid'": the policies' parameter values, for messages. */
    private static final String POLICY_CHOICES = Arrays.stream(RootCertificatePolicy.values())
            .map(policy -> "'" + policy.parameterValue() + "'")
            .collect(Collectors.joining(" or "));

    /** Every parameter, described once, in the order the README documents them. */
    public static final List<ParameterDescription> DESCRIPTIONS = List.of(
            new ParameterDescription(MAX_CERTIFICATE_AGE_DAYS,
                    Optional.of(Integer.toString(DEFAULT_MAX_CERTIFICATE_AGE_DAYS)), Optional.of(MAX_AGE_RANGE), List.of(),
                    "an active certificate uploaded longer ago than this many days is stale",
                    p -> Optional.of(Integer.toString(p.maxCertificateAgeDays()))),
            new ParameterDescription(EXPIRY_WARNING_DAYS,
                    Optional.of(Integer.toString(DEFAULT_EXPIRY_WARNING_DAYS)), Optional.of(EXPIRY_RANGE), List.of(),
                    "an active certificate whose X.509 notAfter is within this many days, or past, is stale",
                    p -> Optional.of(Integer.toString(p.expiryWarningDays()))),
            new ParameterDescription(ROOT_CERTIFICATE_POLICY,
                    Optional.of(RootCertificatePolicy.ROTATE.parameterValue()), Optional.empty(),
                    Arrays.stream(RootCertificatePolicy.values()).map(RootCertificatePolicy::parameterValue).toList(),
                    "rotate (the root account is judged like a user) or forbid (any active root certificate is non-compliant)",
                    p -> Optional.of(p.rootCertificatePolicy().parameterValue())),
            new ParameterDescription(EXEMPT_TAG_KEY, Optional.empty(), Optional.empty(), List.of(),
                    "a user tagged with this key and value true is NOT_APPLICABLE",
                    RuleParameters::exemptTagKey));

    /** Every parameter name, in the order the README documents them. */
    public static final List<String> NAMES = DESCRIPTIONS.stream().map(ParameterDescription::name).toList();

    public static final RuleParameters DEFAULTS = new RuleParameters(
            DEFAULT_MAX_CERTIFICATE_AGE_DAYS, DEFAULT_EXPIRY_WARNING_DAYS, RootCertificatePolicy.ROTATE, Optional.empty());

    public RuleParameters {
        requireInRange(MAX_CERTIFICATE_AGE_DAYS, maxCertificateAgeDays, MAX_AGE_RANGE);
        requireInRange(EXPIRY_WARNING_DAYS, expiryWarningDays, EXPIRY_RANGE);
        if (rootCertificatePolicy == null) {
            throw new InvalidRuleParameterException(ROOT_CERTIFICATE_POLICY + " must be " + POLICY_CHOICES);
        }
        exemptTagKey = exemptTagKey == null ? Optional.empty() : exemptTagKey;
        exemptTagKey.ifPresent(RuleParameters::requireTagKey);
    }

    /**
     * Parses Config's rule parameters. Missing names take their defaults; an empty value counts as
     * missing (the Config console sends "" for a parameter left blank). Unknown names are rejected:
     * a misspelt {@code maxCertificateAgeDay} must not silently mean "90".
     */
    public static RuleParameters parse(Map<String, String> raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            if (!NAMES.contains(entry.getKey())) {
                throw new InvalidRuleParameterException("unknown rule parameter '" + Echo.of(entry.getKey())
                        + "'; known parameters are " + String.join(", ", NAMES));
            }
            if (entry.getValue() != null && !entry.getValue().isBlank()) {
                values.put(entry.getKey(), entry.getValue().trim());
            }
        }
        return new RuleParameters(
                parseDays(values, MAX_CERTIFICATE_AGE_DAYS, DEFAULT_MAX_CERTIFICATE_AGE_DAYS, MAX_AGE_RANGE),
                parseDays(values, EXPIRY_WARNING_DAYS, DEFAULT_EXPIRY_WARNING_DAYS, EXPIRY_RANGE),
                parsePolicy(values.get(ROOT_CERTIFICATE_POLICY)),
                Optional.ofNullable(values.get(EXEMPT_TAG_KEY)));
    }

    /** The parameters as Config input parameters (string values), defaults included. */
    public Map<String, String> asInputParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ParameterDescription parameter : DESCRIPTIONS) {
            parameter.value().apply(this).ifPresent(value -> out.put(parameter.name(), value));
        }
        return out;
    }

    private static int parseDays(Map<String, String> values, String name, int fallback, WholeNumbers range) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        return range.parse(value).orElseThrow(() -> new InvalidRuleParameterException(
                name + " must be a whole number of days " + range.describe() + ", got '" + Echo.of(value) + "'"));
    }

    private static RootCertificatePolicy parsePolicy(String value) {
        if (value == null) {
            return RootCertificatePolicy.ROTATE;
        }
        for (RootCertificatePolicy policy : RootCertificatePolicy.values()) {
            if (policy.parameterValue().equals(value.toLowerCase(Locale.ROOT))) {
                return policy;
            }
        }
        throw new InvalidRuleParameterException(
                ROOT_CERTIFICATE_POLICY + " must be " + POLICY_CHOICES + ", got '" + Echo.of(value) + "'");
    }

    private static void requireInRange(String name, int value, WholeNumbers range) {
        if (!range.contains(value)) {
            throw new InvalidRuleParameterException(
                    name + " must be a whole number of days " + range.describe() + ", got " + value);
        }
    }

    private static void requireTagKey(String key) {
        if (!TAG_KEY.matcher(key).matches()) {
            throw new InvalidRuleParameterException(EXEMPT_TAG_KEY
                    + " must be an IAM tag key (1-128 letters, digits, spaces and _ . : / = + - @), got '" + Echo.of(key) + "'");
        }
    }

}
