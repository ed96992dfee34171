package io.github.stalecerts.organization;

import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.AwsErrors;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Who the caller is, and the accounts of its organization, read through the AWS SDK (no port: only the local commands read them). */
public final class AwsOrganization {

    private final OrganizationsClient organizations;
    private final StsClient sts;

    public AwsOrganization(OrganizationsClient organizations, StsClient sts) {
        this.organizations = organizations;
        this.sts = sts;
    }

    public Caller caller() {
        GetCallerIdentityResponse identity = AwsErrors.call(Action.STS_GET_CALLER_IDENTITY, sts::getCallerIdentity);
        return Caller.of(identity.account(), identity.arn());
    }

    /** The management account's id (DescribeOrganization): AssumeRoot can never reach its root. */
    public String managementAccountId() {
        return AwsErrors.call(Action.ORGANIZATIONS_DESCRIBE_ORGANIZATION,
                () -> organizations.describeOrganization().organization().masterAccountId());
    }

    /** Every account of the organization, all pages (20 per page at most). */
    public List<MemberAccount> accounts() {
        List<MemberAccount> accounts = new ArrayList<>();
        AwsErrors.call(Action.ORGANIZATIONS_LIST_ACCOUNTS, () -> {
            organizations.listAccountsPaginator(r -> r.build())
                    .forEach(page -> page.accounts().forEach(a -> accounts.add(account(a))));
            return null;
        });
        return accounts;
    }

    private static MemberAccount account(Account account) {
        // State replaces the older Status field; either says whether the account is ACTIVE.
        String state = account.state() != null ? account.stateAsString() : account.statusAsString();
        return new MemberAccount(account.id(), account.name(), state);
    }
}
