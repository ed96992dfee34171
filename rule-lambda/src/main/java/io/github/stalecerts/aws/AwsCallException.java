package io.github.stalecerts.aws;

/** An AWS call that failed after the SDK's retries; the message names the operation and what to do. */
public final class AwsCallException extends RuntimeException {
    private final boolean accessDenied;

    AwsCallException(String message, boolean accessDenied, Throwable cause) {
        super(message, cause);
        this.accessDenied = accessDenied;
    }

    /** AWS refused the call for lack of permission (the message names the action). */
    public boolean isAccessDenied() {
        return accessDenied;
    }
}
