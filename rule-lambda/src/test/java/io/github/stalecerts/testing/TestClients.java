package io.github.stalecerts.testing;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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

    public static IamClient iam(URI endpoint, ExecutionInterceptor... interceptors) {
        return iam(endpoint, 1, interceptors);
    }

    public static IamClient iam(URI endpoint, int attempts, ExecutionInterceptor... interceptors) {
        return IamClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides(attempts, interceptors))
                .build();
    }

    public static ConfigClient config(URI endpoint, ExecutionInterceptor... interceptors) {
        return ConfigClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides(1, interceptors))
                .build();
    }

    public static StsClient sts(URI endpoint, ExecutionInterceptor... interceptors) {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides(1, interceptors))
                .build();
    }

    public static OrganizationsClient organizations(URI endpoint, ExecutionInterceptor... interceptors) {
        return OrganizationsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides(1, interceptors))
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
