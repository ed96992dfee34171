package io.github.stalecerts.rule;

import java.time.Instant;
import java.util.Optional;

/**
 * One test an active signing certificate must pass to be fresh; failing any one makes it stale.
 * A check is defined by the instant from which a certificate fails it, so the verdict of today and
 * the date a certificate turns stale (the report's timeline) come from the same rule.
 */
public interface CertificateCheck {

    /** The first instant at which the certificate fails this check; empty when it never does. */
    Optional<Instant> staleFrom(SigningCertificate certificate);

    /** Why the certificate fails this check as of {@code now}, for the annotation; called only when it does. */
    String problem(SigningCertificate certificate, Instant now);

    /** Why the certificate is stale under this check as of {@code now}, or empty when it passes. */
    default Optional<String> problemAt(SigningCertificate certificate, Instant now) {
        return staleFrom(certificate)
                .filter(from -> !now.isBefore(from))
                .map(from -> problem(certificate, now));
    }
}
