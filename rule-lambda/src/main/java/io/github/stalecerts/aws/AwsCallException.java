package io.github.stalecerts.aws;

/** An AWS call that failed after the SDK's retries; the message names the operation and what to do. */
public final class AwsCallException extends RuntimeException {
    private final String operation;

    public AwsCallException(String operation, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
    }

    /** The IAM action, e.g. {@code iam:ListSigningCertificates}. */
    public String operation() {
        return operation;
    }

    public boolean isAccessDenied() {
        return getMessage().contains("was denied");
    }
}
