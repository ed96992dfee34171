package io.github.stalecerts.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Stale when the X.509 {@code notAfter} is at or before now + {@code expiryWarningDays}, so with a
 * warning of 0 days only an expired certificate is. A certificate whose expiry is not visible (a
 * credential-report slot) never fails this check.
 */
public record ExpiryWarningCheck(int expiryWarningDays) implements CertificateCheck {

    @Override
    public Optional<Instant> staleFrom(SigningCertificate certificate) {
        return certificate.notAfter().map(notAfter -> notAfter.minus(Duration.ofDays(expiryWarningDays)));
    }

    @Override
    public String problem(SigningCertificate certificate, Instant now) {
        Instant notAfter = certificate.notAfter().orElseThrow();
        return "certificate " + certificate.shortId() + (notAfter.isAfter(now)
                ? " expires " + LocalDate.ofInstant(notAfter, ZoneOffset.UTC) + ", in "
                        + Duration.between(now, notAfter).toDays() + " days (warning at " + expiryWarningDays + " days)"
                : " expired " + LocalDate.ofInstant(notAfter, ZoneOffset.UTC));
    }
}
