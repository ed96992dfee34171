package io.github.stalecerts.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** Every parameter name, in the order the README documents them. */
    public static final List<String> NAMES =
            List.of(MAX_CERTIFICATE_AGE_DAYS, EXPIRY_WARNING_DAYS, ROOT_CERTIFICATE_POLICY, EXEMPT_TAG_KEY);

    public static final int DEFAULT_MAX_CERTIFICATE_AGE_DAYS = 90;
    public static final int DEFAULT_EXPIRY_WARNING_DAYS = 30;
    public static final int MAX_AGE_RANGE_LOW = 1;
    public static final int EXPIRY_RANGE_LOW = 0;
    /** Ten years: past that a limit is no limit, and it is more likely a typo. */
    public static final int RANGE_HIGH = 3650;

    // IAM tag keys: 1-128 characters of letters, digits, spaces and _ . : / = + - @
    /** A day count in ASCII digits: Integer.parseInt alone would also take other scripts' digits (٩٠, ９０). */
    private static final Pattern DAYS = Pattern.compile("[+-]?[0-9]{1,9}");
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");

    public static final RuleParameters DEFAULTS = new RuleParameters(
            DEFAULT_MAX_CERTIFICATE_AGE_DAYS, DEFAULT_EXPIRY_WARNING_DAYS, RootCertificatePolicy.ROTATE, Optional.empty());

    public RuleParameters {
        requireInRange(MAX_CERTIFICATE_AGE_DAYS, maxCertificateAgeDays, MAX_AGE_RANGE_LOW);
        requireInRange(EXPIRY_WARNING_DAYS, expiryWarningDays, EXPIRY_RANGE_LOW);
        if (rootCertificatePolicy == null) {
            throw new InvalidRuleParameterException(ROOT_CERTIFICATE_POLICY + " must be 'rotate' or 'forbid'");
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
                parseDays(values, MAX_CERTIFICATE_AGE_DAYS, DEFAULT_MAX_CERTIFICATE_AGE_DAYS, MAX_AGE_RANGE_LOW),
                parseDays(values, EXPIRY_WARNING_DAYS, DEFAULT_EXPIRY_WARNING_DAYS, EXPIRY_RANGE_LOW),
                parsePolicy(values.get(ROOT_CERTIFICATE_POLICY)),
                Optional.ofNullable(values.get(EXEMPT_TAG_KEY)));
    }

    /** The parameters as Config input parameters (string values), defaults included. */
    public Map<String, String> asInputParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(MAX_CERTIFICATE_AGE_DAYS, Integer.toString(maxCertificateAgeDays));
        out.put(EXPIRY_WARNING_DAYS, Integer.toString(expiryWarningDays));
        out.put(ROOT_CERTIFICATE_POLICY, rootCertificatePolicy.parameterValue());
        exemptTagKey.ifPresent(key -> out.put(EXEMPT_TAG_KEY, key));
        return out;
    }

    private static int parseDays(Map<String, String> values, String name, int fallback, int low) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!DAYS.matcher(value).matches()) {
            throw new InvalidRuleParameterException(
                    name + " must be a whole number of days from " + low + " to " + RANGE_HIGH + ", got '" + Echo.of(value) + "'");
        }
        return Integer.parseInt(value);
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
                ROOT_CERTIFICATE_POLICY + " must be 'rotate' or 'forbid', got '" + Echo.of(value) + "'");
    }

    private static void requireInRange(String name, int value, int low) {
        if (value < low || value > RANGE_HIGH) {
            throw new InvalidRuleParameterException(
                    name + " must be a whole number of days from " + low + " to " + RANGE_HIGH + ", got " + value);
        }
    }

    private static void requireTagKey(String key) {
        if (!TAG_KEY.matcher(key).matches()) {
            throw new InvalidRuleParameterException(EXEMPT_TAG_KEY
                    + " must be an IAM tag key (1-128 letters, digits, spaces and _ . : / = + - @), got '" + Echo.of(key) + "'");
        }
    }

}
