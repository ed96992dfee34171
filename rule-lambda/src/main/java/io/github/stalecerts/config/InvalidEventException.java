package io.github.stalecerts.config;

/** The Lambda event is not a Config rule event this rule can handle; the message says what was wrong. */
public final class InvalidEventException extends IllegalArgumentException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
