package io.github.stalecerts.iam;

import io.github.stalecerts.rule.SigningCertificate;
import java.util.List;
import java.util.Optional;

/**
 * What the audit and the remediation read and change in an account's IAM. {@link AwsIamDirectory} is the
 * AWS implementation; tests use an in-memory one. Failures surface as
 * {@link io.github.stalecerts.aws.AwsCallException}, whose reason tells a denial or a missing user
 * from other failures.
 */
public interface IamDirectory {

    /** Every user with id, ARN and tags. */
    List<IamUser> users();

    /** One user by name, with tags; empty when it does not exist. */
    Optional<IamUser> user(String userName);

    /** One user by id (remediation's fallback when Config does not know the id). */
    default Optional<IamUser> userById(String userId) {
        return users().stream().filter(user -> user.userId().equals(userId)).findFirst();
    }

    /**
     * The user's signing certificates; an active one with its X.509 expiry. The audit calls this from
     * its listing threads at once, so an implementation must allow concurrent calls.
     *
     * @throws CertificateBodyException when an active certificate's body is not a PEM X.509 certificate
     */
    List<SigningCertificate> certificates(String userName);

    /** Sets one certificate Inactive. Never deletes: an inactive certificate can be re-activated. */
    void deactivate(String userName, String certificateId);

    /** Asks for a credential report without waiting for it, so the caller can read the users meanwhile. */
    PendingReport requestCredentialReport();

    /** A requested credential report. */
    interface PendingReport {

        /**
         * Whether the report is being made for this run. A reused report can be hours old: a
         * certificate activated since then shows as inactive in it, so it may not stand in for listing.
         */
        boolean generatedForThisRun();

        /**
         * Waits (bounded) until the report is ready and parses it.
         *
         * @throws CredentialReportException when it is not ready in time or does not parse
         */
        CredentialReport await();
    }
}
