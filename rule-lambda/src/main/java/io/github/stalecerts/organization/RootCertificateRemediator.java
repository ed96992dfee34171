package io.github.stalecerts.organization;

import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.SigningCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Finds a member root user's stale certificates through a root session and, when asked, deletes
 * exactly those. A root certificate can be deleted centrally but never deactivated (no task policy
 * allows UpdateSigningCertificate), and a deletion cannot be undone: a fresh certificate is never touched.
 */
public final class RootCertificateRemediator {

    /**
     * What was found and done on one member's root.
     *
     * @param deleted the stale certificates deleted, in order; fewer than {@code stale} when a deletion failed
     * @param failure why the deletion stopped (the session refused, a deletion failed); the certificates in
     *                {@code deleted} are gone all the same
     */
    public record Result(String accountId, List<String> stale, List<String> fresh, List<String> notActive,
                         List<String> deleted, Optional<String> failure) {
        public Result {
            stale = List.copyOf(stale);
            fresh = List.copyOf(fresh);
            notActive = List.copyOf(notActive);
            deleted = List.copyOf(deleted);
        }
    }

    private final RootSessions sessions;
    private final Evaluator evaluator;
    private final Sleeper sleeper;

    public RootCertificateRemediator(RootSessions sessions, Evaluator evaluator, Sleeper sleeper) {
        this.sessions = sessions;
        this.evaluator = evaluator;
        this.sleeper = sleeper;
    }

    /**
     * Lists the root's certificates (an IAMAuditRootUserCredentials session) and, with {@code delete},
     * deletes the stale ones (an IAMDeleteRootUserCredentials session).
     */
    public Result remediate(String accountId, boolean delete) {
        List<SigningCertificate> certificates;
        try (IamClient audit = sessions.open(accountId, RootSessions.Task.AUDIT)) {
            certificates = new AwsIamDirectory(audit, sleeper).rootCertificates();
        }
        List<String> stale = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        List<String> notActive = new ArrayList<>();
        for (SigningCertificate certificate : certificates) {
            (evaluator.isStale(certificate) ? stale : certificate.active() ? fresh : notActive).add(certificate.id());
        }
        List<String> deleted = new ArrayList<>();
        Optional<String> failure = Optional.empty();
        if (delete && !stale.isEmpty()) {
            // A deletion cannot be undone: what was deleted before a failure is reported, never lost in an exception.
            try (IamClient deletion = sessions.open(accountId, RootSessions.Task.DELETE)) {
                AwsIamDirectory root = new AwsIamDirectory(deletion, sleeper);
                for (String id : stale) {
                    root.deleteRootCertificate(id);
                    deleted.add(id);
                }
            } catch (RootSessions.RootSessionRefusedException | AwsCallException e) {
                failure = Optional.of(e.getMessage());
            }
        }
        return new Result(accountId, stale, fresh, notActive, deleted, failure);
    }
}
