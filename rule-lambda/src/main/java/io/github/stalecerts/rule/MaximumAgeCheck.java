package io.github.stalecerts.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stale when uploaded longer ago than {@code maxCertificateAgeDays}: a certificate exactly that old
 * is still fresh, one nanosecond later it is not.
 */
public record MaximumAgeCheck(int maxCertificateAgeDays) implements CertificateCheck {

    @Override
    public Optional<Instant> staleFrom(SigningCertificate certificate) {
        return Optional.of(certificate.uploadDate().plus(Duration.ofDays(maxCertificateAgeDays)).plusNanos(1));
    }

    @Override
    public String problem(SigningCertificate certificate, Instant now) {
        return "certificate " + certificate.shortId() + " uploaded " + Duration.between(certificate.uploadDate(), now).toDays()
                + " days ago (limit " + maxCertificateAgeDays + " days)";
    }
}
