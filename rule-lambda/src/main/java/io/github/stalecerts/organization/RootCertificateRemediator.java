package io.github.stalecerts.organization;

import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.remediation.RemediationResult;
import io.github.stalecerts.remediation.RemediationResult.Change;
import io.github.stalecerts.remediation.RemediationResult.Outcome;
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
     * deletes the stale ones (an IAMDeleteRootUserCredentials session). Without {@code delete} the
     * result is a dry run: nothing changes.
     */
    public RemediationResult remediate(MemberAccount member, boolean delete) {
        String accountId = member.id();
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
        boolean dryRun = !delete;
        Outcome outcome = outcome(stale, failure, dryRun);
        return new RemediationResult(outcome, Change.DELETE, accountId, null, dryRun, stale, dryRun ? stale : deleted,
                fresh, notActive, failure, message(outcome, member, stale, deleted, failure));
    }

    private static Outcome outcome(List<String> stale, Optional<String> failure, boolean dryRun) {
        if (stale.isEmpty()) {
            return Outcome.NOTHING_STALE;
        }
        if (failure.isPresent()) {
            return Outcome.FAILED;
        }
        return dryRun ? Outcome.STALE : Outcome.DELETED;
    }

    private static String message(Outcome outcome, MemberAccount member, List<String> stale, List<String> deleted,
                                  Optional<String> failure) {
        String root = "the root user of " + member.label();
        return switch (outcome) {
            case NOTHING_STALE -> root + " has no stale active signing certificate; nothing changed";
            case FAILED -> "deleted " + deleted.size() + " of " + stale.size() + " stale certificate(s) of " + root
                    + " (a deletion cannot be undone), then: " + failure.orElseThrow();
            case DELETED -> "deleted " + stale.size() + " stale certificate(s) of " + root + "; a deletion cannot be undone";
            case STALE -> stale.size() + " stale certificate(s) of " + root + "; nothing changed. "
                    + "--delete deletes them, which cannot be undone (no task policy allows deactivating a root certificate)";
            default -> throw new IllegalStateException("not an outcome of a root remediation");
        };
    }
}
