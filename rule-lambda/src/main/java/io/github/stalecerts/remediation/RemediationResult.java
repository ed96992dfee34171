package io.github.stalecerts.remediation;

import java.util.List;

/**
 * What a remediation did (or, in a dry run, would do).
 *
 * @param outcome     what happened, in one word a runbook can branch on
 * @param deactivated certificates set Inactive (or that would be, in a dry run)
 * @param kept        active certificates left alone because they are fresh
 */
public record RemediationResult(Outcome outcome, String resourceId, String userName, boolean dryRun,
                                List<String> deactivated, List<String> kept, String message) {

    public enum Outcome {
        /** Stale certificates were (or would be) deactivated. */
        DEACTIVATED,
        /** The user exists and nothing is stale: no change. */
        NOTHING_STALE,
        /** The user carries the exemption tag: no change. */
        EXEMPT,
        /** No IAM user has that id (deleted, or never existed): no change. */
        USER_NOT_FOUND,
        /** The id is the account's: only the root user can change root's certificates. */
        ROOT_NOT_REMEDIABLE
    }

    public RemediationResult {
        deactivated = List.copyOf(deactivated);
        kept = List.copyOf(kept);
    }
}
