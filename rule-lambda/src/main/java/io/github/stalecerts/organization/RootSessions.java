package io.github.stalecerts.organization;

import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.AwsErrors;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Privileged sessions on a member account's root user through AWS Organizations' centralized root
 * access: {@code sts:AssumeRoot} with an AWS managed task policy, for at most 900 seconds, called
 * from the management account or the IAM delegated administrator on a regional STS endpoint.
 */
public final class RootSessions {

    /** AssumeRoot's longest session. */
    public static final int SESSION_SECONDS = 900;

    /** The task policies this tool uses; each scopes the session to a few IAM actions on the root user. */
    public enum Task {
        /** Leaves ListSigningCertificates (among other reads) on the root user. */
        AUDIT("IAMAuditRootUserCredentials"),
        /** Leaves DeleteSigningCertificate on the root user; no task policy allows deactivating. */
        DELETE("IAMDeleteRootUserCredentials");

        private final String policyName;

        Task(String policyName) {
            this.policyName = policyName;
        }

        public String policyName() {
            return policyName;
        }
    }

    private final StsClient sts;
    private final Function<AwsCredentialsProvider, IamClient> iamWith;
    private final String partition;

    public RootSessions(StsClient sts, Function<AwsCredentialsProvider, IamClient> iamWith, String partition) {
        this.sts = sts;
        this.iamWith = iamWith;
        this.partition = partition;
    }

    public String taskPolicyArn(Task task) {
        return "arn:" + partition + ":iam::aws:policy/root-task/" + task.policyName();
    }

    /**
     * An IAM client signed with a root session on the member account, scoped to the task; close it after use.
     *
     * @throws RootSessionRefusedException when STS refuses the session (the feature is not enabled,
     *                                     the caller may not, the account is not a member)
     */
    public IamClient open(String accountId, Task task) {
        Credentials credentials;
        try {
            credentials = AwsErrors.call(Action.STS_ASSUME_ROOT, () -> sts.assumeRoot(r -> r
                    .targetPrincipal(accountId)
                    .taskPolicyArn(p -> p.arn(taskPolicyArn(task)))
                    .durationSeconds(SESSION_SECONDS)).credentials());
        } catch (AwsCallException e) {
            throw new RootSessionRefusedException("no root session on " + accountId + " with " + task.policyName()
                    + ": " + e.getMessage() + " (a root session needs centralized root access enabled in the organization, "
                    + "a caller in the management account or the IAM delegated administrator allowed sts:AssumeRoot with "
                    + "this task policy, and a member account as target)", e);
        }
        return iamWith.apply(SessionCredentials.of(credentials));
    }

    /** STS refused AssumeRoot for one account. */
    public static final class RootSessionRefusedException extends RuntimeException {
        RootSessionRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
