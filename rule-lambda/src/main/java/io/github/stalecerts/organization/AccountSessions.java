package io.github.stalecerts.organization;

import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.AwsErrors;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * IAM clients into the organization's accounts: the caller's own account with the caller's
 * credentials, every other one through {@code sts:AssumeRole} into the same-named role.
 */
public final class AccountSessions {

    public static final String DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";
    /** What the member's CloudTrail shows as the session name of the assumed role. */
    public static final String SESSION_NAME = "stale-signing-certificates-audit";
    /** IAM role names: 1-64 letters, digits and {@code + = , . @ _ -}. */
    public static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    private final StsClient sts;
    private final Function<AwsCredentialsProvider, IamClient> iamWith;
    private final IamClient callerIam;
    private final Caller caller;
    private final String roleName;

    public AccountSessions(StsClient sts, Function<AwsCredentialsProvider, IamClient> iamWith, IamClient callerIam,
                           Caller caller, String roleName) {
        if (!ROLE_NAME.matcher(roleName).matches()) {
            throw new IllegalArgumentException("not an IAM role name: " + roleName);
        }
        this.sts = sts;
        this.iamWith = iamWith;
        this.callerIam = callerIam;
        this.caller = caller;
        this.roleName = roleName;
    }

    /** An IAM client into the account; close it after use (the caller's own client stays open). */
    public AccountSession open(String accountId) {
        if (accountId.equals(caller.accountId())) {
            return new AccountSession(callerIam, false);
        }
        String roleArn = roleArn(accountId);
        Credentials credentials;
        try {
            credentials = AwsErrors.call(Action.STS_ASSUME_ROLE, () -> sts.assumeRole(r -> r
                    .roleArn(roleArn).roleSessionName(SESSION_NAME)).credentials());
        } catch (AwsCallException e) {
            throw new AccountUnreachableException("cannot assume " + roleArn + " (it must exist and trust "
                    + caller.arn() + " or its account): " + e.getMessage(), e);
        }
        return new AccountSession(iamWith.apply(SessionCredentials.of(credentials)), true);
    }

    public String roleArn(String accountId) {
        return "arn:" + caller.partition() + ":iam::" + accountId + ":role/" + roleName;
    }

    /** An IAM client into one account; closing it closes only a client made for an assumed role. */
    public record AccountSession(IamClient iam, boolean assumed) implements AutoCloseable {
        @Override
        public void close() {
            if (assumed) {
                iam.close();
            }
        }
    }
}
