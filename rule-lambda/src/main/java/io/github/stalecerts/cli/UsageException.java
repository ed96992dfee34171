package io.github.stalecerts.cli;

/** A bad command-line argument; the command exits 2 with this message. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
