package io.github.stalecerts.aws;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/**
 * Builds the SDK clients the rule uses: the region from the environment (AWS_REGION in Lambda),
 * the light URLConnection HTTP client, the adaptive retry mode, and the call counter. Endpoint
 * variables such as AWS_ENDPOINT_URL are honoured by the SDK itself, so the same clients run
 * against an emulator.
 *
 * <p>Adaptive retries: throttling and 5xx are retried with back-off before an error surfaces, and
 * a throttled call also slows the client's own sending rate. Certificates are listed from a small
 * pool of threads sharing one client, so the whole pool backs off together when IAM throttles.
 * ({@code ADAPTIVE_V2}: the SDK's first adaptive mode does not keep its rate between requests.)
 */
public record AwsClients(IamClient iam, ConfigClient config, ApiCallCounter counter) {

    public static AwsClients fromEnvironment() {
        return build(region(), null, null, List.of());
    }

    /**
     * Clients for a chosen endpoint and credentials (an emulator, a test's fault-injecting proxy),
     * configured otherwise exactly as {@link #fromEnvironment()}; extra interceptors run after the counter.
     */
    public static AwsClients at(URI endpoint, AwsCredentialsProvider credentials, ExecutionInterceptor... extra) {
        return build(Region.US_EAST_1, endpoint, credentials, List.of(extra));
    }

    /**
     * Idle connections the JDK keeps per host for the URLConnection client (its default is 5): one
     * for each listing thread and a few to spare, so the pool does not open a new TLS connection
     * for most calls. Read once, when the JDK's keep-alive cache is first used.
     */
    static final int KEPT_ALIVE_CONNECTIONS = 16;

    private static AwsClients build(Region region, URI endpoint, AwsCredentialsProvider credentials,
                                    List<ExecutionInterceptor> extra) {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(KEPT_ALIVE_CONNECTIONS));
        }
        ApiCallCounter counter = new ApiCallCounter();
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.ADAPTIVE_V2)
                .addExecutionInterceptor(counter);
        extra.forEach(overrides::addExecutionInterceptor);
        var iam = IamClient.builder()
                .region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides.build());
        var config = ConfigClient.builder()
                .region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides.build());
        if (endpoint != null) {
            iam.endpointOverride(endpoint).credentialsProvider(credentials);
            config.endpointOverride(endpoint).credentialsProvider(credentials);
        }
        return new AwsClients(iam.build(), config.build(), counter);
    }

    /**
     * The clients of the local organization audit, built the same way. STS is reached on the
     * region's own endpoint (AssumeRoot refuses the global one); IAM clients for other credentials
     * are made per account.
     */
    public static OrganizationClients forOrganization() {
        Region region = region();
        Region stsRegion = region.isGlobalRegion() ? Region.US_EAST_1 : region;
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.ADAPTIVE_V2)
                .build();
        OrganizationsClient organizations = OrganizationsClient.builder()
                .region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides)
                .build();
        StsClient sts = regionalSts(stsRegion, overrides);
        return new OrganizationClients(organizations, sts, (AwsCredentialsProvider credentials) -> IamClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides)
                .build());
    }

    /**
     * STS on the region's own endpoint, never the global one (which AssumeRoot refuses), whatever
     * the legacy setting AWS_STS_REGIONAL_ENDPOINTS says. An endpoint override still wins.
     */
    static StsClient regionalSts(Region region, ClientOverrideConfiguration overrides) {
        StsEndpointProvider regional = StsEndpointProvider.defaultProvider();
        return StsClient.builder()
                .region(region)
                .endpointProvider(params -> regional.resolveEndpoint(params.toBuilder().useGlobalEndpoint(false).build()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides)
                .build();
    }

    /** Lambda always sets AWS_REGION; on a laptop without a region, IAM (global) is reached through us-east-1. */
    private static Region region() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }
}
