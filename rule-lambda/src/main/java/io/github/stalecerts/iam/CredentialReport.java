package io.github.stalecerts.iam;

import io.github.stalecerts.rule.AccountId;
import io.github.stalecerts.rule.SigningCertificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed credential report. Rows that did not parse are counted, never turned into
 * "no certificate": a user without a parsed row is listed directly.
 *
 * @param usersByArn  parsed user rows, keyed by ARN
 * @param root        the {@code <root_account>} row, when the report has one
 * @param unparsedRows how many data rows were rejected (wrong column count, bad values)
 * @param rootProblem  why the root row cannot be trusted (it did not parse, or came twice): then the
 *                     root account is unreadable, which is not the same as a report without the row
 */
public record CredentialReport(Map<String, Row> usersByArn, Optional<Row> root, int unparsedRows,
                               Optional<String> rootProblem) {

    public CredentialReport {
        usersByArn = Map.copyOf(usersByArn);
        root = rootProblem.isPresent() ? Optional.empty() : root;
    }

    /**
     * One principal's row: its name, ARN, the two certificate slots and {@code additional_credentials_info}.
     *
     * @param additionalCredentialsInfo filled when IAM says the principal has more than two access keys or
     *                                  certificates: slots 1 and 2 then do not show every certificate. Empty when
     *                                  the column is absent (older reports, moto), empty or {@code N/A}.
     */
    public record Row(String user, String arn, Slot cert1, Slot cert2, Optional<String> additionalCredentialsInfo) {

        public boolean hasActiveCertificate() {
            return cert1.active() || cert2.active();
        }

        /**
         * Whether slots 1 and 2 may not be the principal's only certificates. IAM documents the value as "the
         * number of additional access keys or certificates and the actions you can use to list" them, without a
         * format that tells keys from certificates, so any filled value counts, even one that seems to name
         * only access keys.
         */
        public boolean mayHaveMoreCertificates() {
            return additionalCredentialsInfo.isPresent();
        }

        /** Slots 1 and 2 say no active certificate, and the row says there are no more than those two. */
        public boolean provesNoActiveCertificate() {
            return !hasActiveCertificate() && !mayHaveMoreCertificates();
        }

        /**
         * The active slots as certificates (no id, no expiry: the report has neither).
         *
         * @throws CredentialReportException when an active slot has no {@code last_rotated} date
         */
        public List<SigningCertificate> activeCertificates() {
            List<SigningCertificate> certificates = new ArrayList<>(2);
            for (Slot slot : List.of(cert1, cert2)) {
                if (slot.active()) {
                    Instant rotated = slot.lastRotated().orElseThrow(() -> new CredentialReportException(
                            "credential report row for " + user + " has " + slot.name()
                                    + "_active=true but no " + slot.name() + "_last_rotated date"));
                    certificates.add(new SigningCertificate(slot.name(), true, rotated, Optional.empty()));
                }
            }
            return certificates;
        }

        /** The account id, read from the root row's ARN ({@code arn:aws:iam::123456789012:root}). */
        public String accountId() {
            String[] parts = arn.split(":");
            if (parts.length < 6 || !AccountId.isValid(parts[4])) {
                throw new CredentialReportException("credential report root row has an ARN without an account id");
            }
            return parts[4];
        }
    }

    /** A certificate slot: {@code cert_N_active} and {@code cert_N_last_rotated}. */
    public record Slot(String name, boolean active, Optional<Instant> lastRotated) {
    }
}
