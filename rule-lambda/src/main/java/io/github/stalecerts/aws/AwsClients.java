package io.github.stalecerts.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
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
 * the light URLConnection HTTP client, the standard retry mode (throttling and 5xx retried with
 * back-off before an error surfaces), and the call counter. Endpoint variables such as
 * AWS_ENDPOINT_URL are honoured by the SDK itself, so the same clients run against an emulator.
 */
public record AwsClients(IamClient iam, ConfigClient config, ApiCallCounter counter) {

    public static AwsClients fromEnvironment() {
        ApiCallCounter counter = new ApiCallCounter();
        Region region = region();
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .addExecutionInterceptor(counter)
                .build();
        IamClient iam = IamClient.builder()
                .region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides)
                .build();
        ConfigClient config = ConfigClient.builder()
                .region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides)
                .build();
        return new AwsClients(iam, config, counter);
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
                .retryStrategy(RetryMode.STANDARD)
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
