package io.github.stalecerts.config;

/** Config did not take the evaluations. */
public final class ReportingException extends RuntimeException {
    public ReportingException(String message) {
        super(message);
    }
}
