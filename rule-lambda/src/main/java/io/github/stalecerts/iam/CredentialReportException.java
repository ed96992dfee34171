package io.github.stalecerts.iam;

/** The credential report could not be had or could not be read. */
public final class CredentialReportException extends RuntimeException {
    public CredentialReportException(String message) {
        super(message);
    }

    public CredentialReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
