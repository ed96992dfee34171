package io.github.stalecerts.testing;

import io.github.stalecerts.aws.OrganizationClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * An AWS Organization in moto server's multi-account mode: the test's credentials belong to the
 * management account ({@link MotoServer#ACCOUNT_ID}); {@code CreateAccount} makes members, each with
 * an {@code OrganizationAccountAccessRole} that moto lets the management account assume (moto does
 * not check trust policies, so it never denies AssumeRole). IAM users and credential reports are
 * separate per account.
 */
public final class MotoOrganization {

    public static final String MANAGEMENT_ACCOUNT_ID = MotoServer.ACCOUNT_ID;
    public static final String ROLE_NAME = "OrganizationAccountAccessRole";

    private final URI endpoint;
    private final OrganizationsClient organizations;
    private final StsClient sts;

    /** Creates the organization (all features) with the caller's account as management account. */
    public MotoOrganization(URI endpoint) {
        this.endpoint = endpoint;
        this.organizations = OrganizationsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides()).build();
        this.sts = sts(endpoint);
        organizations.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
    }

    /** A new member account; returns its id. */
    public String createAccount(String name) {
        return organizations.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                .createAccountStatus().accountId();
    }

    public void closeAccount(String accountId) {
        organizations.closeAccount(r -> r.accountId(accountId));
    }

    /** Users and certificates seeded in the account, through the member's role (or directly in the management account). */
    public MotoAccount account(String accountId) {
        return new MotoAccount(iam(accountId));
    }

    /** An IAM client in the account: the management account's own, or through the member's role. */
    public IamClient iam(String accountId) {
        if (accountId.equals(MANAGEMENT_ACCOUNT_ID)) {
            return iam(credentials());
        }
        Credentials session = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + accountId + ":role/" + ROLE_NAME)
                .roleSessionName("test-seeding")).credentials();
        return iam(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken())));
    }

    /** The clients the organization audit gets, pointed at moto; interceptors go on the STS client. */
    public OrganizationClients clients(ExecutionInterceptor... stsInterceptors) {
        return clients(Map.of(), List.of(), stsInterceptors);
    }

    /**
     * As {@link #clients(ExecutionInterceptor...)}; every client gets {@code everyClient} (e.g. a
     * {@link CatalogueCheck}), and each member's IAM client (made for the role the audit assumed
     * there) also gets that account's interceptors, e.g. a root row for its credential report.
     */
    public OrganizationClients clients(Map<String, List<ExecutionInterceptor>> iamInterceptorsByAccount,
                                       List<ExecutionInterceptor> everyClient, ExecutionInterceptor... stsInterceptors) {
        Map<String, String> accountByAccessKey = new ConcurrentHashMap<>();
        List<ExecutionInterceptor> sts = new ArrayList<>(everyClient);
        sts.addAll(List.of(stsInterceptors));
        sts.add(new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof AssumeRoleRequest request
                        && context.response() instanceof AssumeRoleResponse response) {
                    accountByAccessKey.put(response.credentials().accessKeyId(), request.roleArn().split(":")[4]);
                }
            }
        });
        StsClient auditSts = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1))
                        .executionInterceptors(sts).build())
                .build();
        OrganizationsClient auditOrganizations = OrganizationsClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1))
                        .executionInterceptors(everyClient).build())
                .build();
        return new OrganizationClients(auditOrganizations, auditSts, credentials -> {
            List<ExecutionInterceptor> iam = new ArrayList<>(everyClient);
            iam.addAll(iamInterceptorsByAccount.getOrDefault(
                    accountByAccessKey.getOrDefault(credentials.resolveCredentials().accessKeyId(), ""), List.of()));
            return iam(credentials, iam);
        });
    }

    /** The management account's own IAM client, with interceptors (e.g. a root row for its report). */
    public IamClient managementIam(ExecutionInterceptor... interceptors) {
        return iam(credentials(), List.of(interceptors));
    }

    private IamClient iam(AwsCredentialsProvider credentials) {
        return iam(credentials, List.of());
    }

    private IamClient iam(AwsCredentialsProvider credentials, List<ExecutionInterceptor> interceptors) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1))
                        .executionInterceptors(interceptors).build()).build();
    }

    private static StsClient sts(URI endpoint) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(overrides()).build();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
}
