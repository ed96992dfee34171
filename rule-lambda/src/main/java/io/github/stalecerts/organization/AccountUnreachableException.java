package io.github.stalecerts.organization;

/** An account the audit could not get into (its role could not be assumed). */
public final class AccountUnreachableException extends RuntimeException {
    AccountUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
