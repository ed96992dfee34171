package io.github.stalecerts.rule;

/** A rule parameter that is unknown or out of range. The message names the parameter and what is allowed. */
public final class InvalidRuleParameterException extends IllegalArgumentException {
    public InvalidRuleParameterException(String message) {
        super(message);
    }
}
