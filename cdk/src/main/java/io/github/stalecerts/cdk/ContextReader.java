package io.github.stalecerts.cdk;

import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.WholeNumbers;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one reader of CDK context ({@code -c key=value} or cdk.json) for every settings record: a value
 * becomes text, a flag, a whole number or one of a few choices here, and a bad one fails with a message
 * naming its key. Numbers are read by the rule's {@link WholeNumbers}, as rule parameters and CLI options are.
 *
 * @param lookup looks a context key up (e.g. {@code app.getNode()::tryGetContext}); null when unset
 */
record ContextReader(Function<String, Object> lookup) {

    /**
     * A context value as text; empty when unset. `-c key=value` gives strings; cdk.json may give JSON
     * numbers (60 arrives as 60 or 60.0) or booleans. Blank counts as unset.
     */
    Optional<String> text(String key) {
        Object value = lookup.apply(key);
        if (value == null) {
            return Optional.empty();
        }
        String text;
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
            text = decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        } else if (value instanceof String || value instanceof Boolean) {
            text = value.toString();
        } else {
            throw new InvalidContextException("context '" + key + "' must be a string or a number, got " + Echo.of(value.toString()));
        }
        text = text.trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A {@code true} / {@code false} context value; {@code fallback} when unset. */
    boolean flag(String key, boolean fallback) {
        return text(key).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidContextException("context '" + key + "' must be true or false, got '" + Echo.of(value) + "'");
        }).orElse(fallback);
    }

    /** A whole number in {@code range}; {@code fallback} when unset. */
    int number(String key, int fallback, WholeNumbers range) {
        return text(key).map(value -> range.parse(value).orElseThrow(() -> new InvalidContextException(
                "context '" + key + "' must be a whole number " + range.describe() + ", got '" + Echo.of(value) + "'")))
                .orElse(fallback);
    }

    /** One of {@code allowed}, spelt exactly; {@code fallback} when unset. */
    String choice(String key, String fallback, List<String> allowed) {
        String value = text(key).orElse(fallback);
        if (!allowed.contains(value)) {
            throw new InvalidContextException("context '" + key + "' must be one of " + String.join(", ", allowed)
                    + ", got '" + Echo.of(value) + "'");
        }
        return value;
    }
}
