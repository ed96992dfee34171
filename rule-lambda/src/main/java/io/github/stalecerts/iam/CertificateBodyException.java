package io.github.stalecerts.iam;

/** A certificate body that is not one PEM-encoded X.509 certificate. Never carries the body itself. */
public final class CertificateBodyException extends RuntimeException {
    public CertificateBodyException(String message) {
        super(message);
    }
}
