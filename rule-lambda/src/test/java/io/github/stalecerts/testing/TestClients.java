package io.github.stalecerts.testing;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.aws.ApiCallCounter;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.config.AwsRuleResults;
import io.github.stalecerts.config.RuleResults;
import io.github.stalecerts.handler.RuleRun;
import io.github.stalecerts.iam.AwsIamDirectory;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SDK clients pointed at a local endpoint (moto or a fake), with fixed credentials and a chosen
 * number of attempts (1 by default, so an unimplemented operation's HTTP 500 shows at once).
 */
public final class TestClients {

    private TestClients() {
    }

    /** The rule run over SDK clients, put together as the Lambda's handler does (default listing threads). */
    public static RuleRun ruleRun(IamClient iam, ConfigClient config, ApiCallCounter counter, Clock clock,
                                        Sleeper sleeper) {
        return new RuleRun(new AwsIamDirectory(iam, sleeper), new AwsRuleResults(config, sleeper), counter, clock,
                AccountAudit.DEFAULT_LISTING_THREADS);
    }

    public static IamClient iam(URI endpoint, ExecutionInterceptor... interceptors) {
        return iam(endpoint, 1, interceptors);
    }

    public static IamClient iam(URI endpoint, int attempts, ExecutionInterceptor... interceptors) {
        return local(IamClient.builder(), endpoint, attempts, interceptors);
    }

    public static ConfigClient config(URI endpoint, ExecutionInterceptor... interceptors) {
        return local(ConfigClient.builder(), endpoint, 1, interceptors);
    }

    public static StsClient sts(URI endpoint, ExecutionInterceptor... interceptors) {
        return local(StsClient.builder(), endpoint, 1, interceptors);
    }

    public static OrganizationsClient organizations(URI endpoint, ExecutionInterceptor... interceptors) {
        return local(OrganizationsClient.builder(), endpoint, 1, interceptors);
    }

    /** Any service's client the same way: local endpoint, fixed credentials, URLConnection, the attempts given. */
    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C local(
            B builder, URI endpoint, int attempts, ExecutionInterceptor... interceptors) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides(attempts, interceptors))
                .build();
    }

    private static ClientOverrideConfiguration overrides(int attempts, ExecutionInterceptor... interceptors) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(b -> b.maxAttempts(attempts))
                .executionInterceptors(List.of(interceptors))
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
}
