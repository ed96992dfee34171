package io.github.stalecerts.remediation;

import io.github.stalecerts.iam.IamDirectory;
import io.github.stalecerts.iam.IamUser;
import io.github.stalecerts.remediation.RemediationResult.Outcome;
import io.github.stalecerts.rule.AccountId;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.SigningCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deactivates exactly the certificates the rule finds stale, judged with the rule's own parameters.
 * Never deletes a certificate and never touches a fresh one, so a remediation can be undone with
 * one {@code UpdateSigningCertificate} back to Active.
 */
public final class CertificateRemediator {

    private final IamDirectory iam;
    private final Optional<UserNames> discovered;
    private final Evaluator evaluator;

    /** @param discovered Config's record of users, tried first to map an id to a name; empty: page IAM */
    public CertificateRemediator(IamDirectory iam, Optional<UserNames> discovered, Evaluator evaluator) {
        this.iam = iam;
        this.discovered = discovered;
        this.evaluator = evaluator;
    }

    /** Remediates the user Config identifies by UserId (a remediation's RESOURCE_ID). */
    public RemediationResult byResourceId(String resourceId, boolean dryRun) {
        if (AccountId.isValid(resourceId)) {
            return RemediationResult.ofUser(Outcome.ROOT_NOT_REMEDIABLE, resourceId, null, dryRun, List.of(), List.of(),
                    "the root account's certificates can only be changed by the root user; see docs/usage.md, \"Remediation from Config\"");
        }
        Optional<IamUser> user = discovered.flatMap(d -> d.nameOf(resourceId))
                .flatMap(iam::user)
                .filter(u -> u.userId().equals(resourceId))
                .or(() -> iam.userById(resourceId));
        return user.map(u -> remediate(u, dryRun)).orElseGet(() -> notFound(resourceId, dryRun));
    }

    /** Remediates a user by name (the local command). */
    public RemediationResult byUserName(String userName, boolean dryRun) {
        return iam.user(userName).map(u -> remediate(u, dryRun)).orElseGet(() -> RemediationResult.ofUser(
                Outcome.USER_NOT_FOUND, null, userName, dryRun, List.of(), List.of(),
                "no IAM user named " + userName + "; nothing changed"));
    }

    private RemediationResult remediate(IamUser user, boolean dryRun) {
        if (evaluator.isExempt(user.principal())) {
            return RemediationResult.ofUser(Outcome.EXEMPT, user.userId(), user.userName(), dryRun, List.of(), List.of(),
                    user.userName() + " is exempt (tagged " + evaluator.parameters().exemptTagKey().orElseThrow()
                            + "=true); nothing changed");
        }
        List<String> stale = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (SigningCertificate certificate : iam.certificates(user.userName())) {
            if (evaluator.isStale(certificate)) {
                stale.add(certificate.id());
            } else if (certificate.active()) {
                kept.add(certificate.id());
            }
        }
        if (stale.isEmpty()) {
            return RemediationResult.ofUser(Outcome.NOTHING_STALE, user.userId(), user.userName(), dryRun, List.of(), kept,
                    user.userName() + " has no stale active signing certificate; nothing changed");
        }
        if (!dryRun) {
            stale.forEach(id -> iam.deactivate(user.userName(), id));
        }
        return RemediationResult.ofUser(Outcome.DEACTIVATED, user.userId(), user.userName(), dryRun, stale, kept,
                (dryRun ? "would deactivate " : "deactivated ") + stale.size() + " stale certificate(s) of "
                        + user.userName() + (kept.isEmpty() ? "" : "; kept " + kept.size() + " fresh one(s)"));
    }

    private static RemediationResult notFound(String resourceId, boolean dryRun) {
        return RemediationResult.ofUser(Outcome.USER_NOT_FOUND, resourceId, null, dryRun, List.of(), List.of(),
                "no IAM user has id " + resourceId + " (deleted, or never existed); nothing changed");
    }
}
