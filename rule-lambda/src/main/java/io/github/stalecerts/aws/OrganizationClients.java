package io.github.stalecerts.aws;

import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The clients an organization audit needs, besides the caller's own IAM client.
 *
 * @param organizations lists the organization's accounts
 * @param sts           on the region's own (regional) endpoint: GetCallerIdentity, AssumeRole, AssumeRoot
 * @param iamWith       an IAM client that signs with other credentials (an assumed role's, a root session's);
 *                      the caller closes it
 */
public record OrganizationClients(OrganizationsClient organizations, StsClient sts,
                                  Function<AwsCredentialsProvider, IamClient> iamWith) {
}
