package io.github.stalecerts.rule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One signing certificate of a principal.
 *
 * @param id         the IAM certificate id, or {@code cert_1}/{@code cert_2} for a credential-report slot
 * @param active     whether IAM accepts it (status Active)
 * @param uploadDate when it was uploaded (for a report slot: {@code cert_N_last_rotated})
 * @param notAfter   the X.509 expiry; empty when only the credential report is known (the root account)
 */
public record SigningCertificate(String id, boolean active, Instant uploadDate, Optional<Instant> notAfter) {

    public SigningCertificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uploadDate, "uploadDate");
        notAfter = notAfter == null ? Optional.empty() : notAfter;
    }

    /** The id as shown in annotations: long enough to tell two certificates apart, short enough to fit. */
    public String shortId() {
        return id.length() <= 12 ? id : id.substring(0, 8) + "...";
    }
}
