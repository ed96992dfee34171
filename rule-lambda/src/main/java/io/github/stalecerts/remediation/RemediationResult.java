package io.github.stalecerts.remediation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a remediation did (or, in a dry run, would do): an IAM user's stale certificates deactivated
 * ({@link CertificateRemediator}), or a member account's root user's deleted
 * ({@code organization.RootCertificateRemediator}). The remediator writes the message; the entry
 * points only print or return it.
 *
 * @param outcome    what happened, in one word a runbook can branch on
 * @param change     what the remediation does to a stale certificate
 * @param resourceId the user's id (as asked for when no user was found), or the account id for a root
 * @param userName   the user's name; null when no user was found and for a root
 * @param dryRun     nothing was meant to change: a user's dry run, or a root remediation not asked to delete
 * @param stale      the stale certificates found, in order
 * @param changed    of those, the ones changed (in a dry run: that would be); fewer only when a deletion failed
 * @param kept       active certificates left alone because they are fresh
 * @param notActive  inactive certificates left alone (listed by the root remediation)
 * @param failure    why changing stopped; the certificates in {@code changed} are changed all the same
 * @param message    the one line that says what happened
 */
public record RemediationResult(Outcome outcome, Change change, String resourceId, String userName, boolean dryRun,
                                List<String> stale, List<String> changed, List<String> kept, List<String> notActive,
                                Optional<String> failure, String message) {

    public enum Outcome {
        /** Stale certificates were (or would be) deactivated. */
        DEACTIVATED,
        /** A root's stale certificates were deleted. */
        DELETED,
        /** A root has stale certificates; nothing changed because deleting was not asked for. */
        STALE,
        /** Deleting a root's stale certificates stopped part-way; see {@code failure}. */
        FAILED,
        /** The user exists and nothing is stale: no change. */
        NOTHING_STALE,
        /** The user carries the exemption tag: no change. */
        EXEMPT,
        /** No IAM user has that id (deleted, or never existed): no change. */
        USER_NOT_FOUND,
        /** The id is the account's: only the root user can change root's certificates. */
        ROOT_NOT_REMEDIABLE
    }

    /** What a remediation does to a stale certificate. */
    public enum Change {
        /** An IAM user's certificate is set Inactive: one UpdateSigningCertificate back to Active undoes it. */
        DEACTIVATE,
        /** A member root's certificate is deleted (no task policy allows deactivating one): cannot be undone. */
        DELETE
    }

    public RemediationResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(change, "change");
        stale = List.copyOf(stale);
        changed = List.copyOf(changed);
        kept = List.copyOf(kept);
        notActive = List.copyOf(notActive);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(message, "message");
    }

    /** A user's remediation: every stale certificate is (or, in a dry run, would be) deactivated. */
    static RemediationResult ofUser(Outcome outcome, String resourceId, String userName, boolean dryRun,
                                    List<String> stale, List<String> kept, String message) {
        return new RemediationResult(outcome, Change.DEACTIVATE, resourceId, userName, dryRun, stale, stale, kept,
                List.of(), Optional.empty(), message);
    }
}
