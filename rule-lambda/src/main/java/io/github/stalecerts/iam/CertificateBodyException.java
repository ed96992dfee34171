package io.github.stalecerts.iam;

/**
 * A signing certificate that cannot be judged: its body is not one PEM-encoded X.509 certificate, or IAM gave
 * no upload date for an active one. Never carries the body itself.
 */
public final class CertificateBodyException extends RuntimeException {
    public CertificateBodyException(String message) {
        super(message);
    }
}
