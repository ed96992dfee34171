package io.github.stalecerts.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AssumeRoot refuses STS's global endpoint. The STS client the organization audit uses sends its
 * requests to the region's own endpoint; a recording interceptor stops each request before it leaves.
 */
class RegionalStsTest {

    private static String endpointOfAssumeRoot(Region region) {
        AtomicReference<String> endpoint = new AtomicReference<>();
        ExecutionInterceptor stopBeforeSending = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                endpoint.set(context.httpRequest().protocol() + "://" + context.httpRequest().host());
                throw new IllegalStateException("stopped before sending");
            }
        };
        try (StsClient sts = AwsClients.regionalSts(region,
                ClientOverrideConfiguration.builder().addExecutionInterceptor(stopBeforeSending).build())) {
            assertThrows(RuntimeException.class, () -> sts.assumeRoot(r -> r
                    .targetPrincipal("111122223333")
                    .taskPolicyArn(p -> p.arn("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"))
                    .durationSeconds(900)
                    .overrideConfiguration(o -> o.credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("testing", "testing"))))));
        }
        return endpoint.get();
    }

    @Test
    void usEast1IsItsRegionalEndpointNotTheGlobalOne() {
        assertEquals("https://sts.us-east-1.amazonaws.com", endpointOfAssumeRoot(Region.US_EAST_1));
    }

    @Test
    void otherRegionsUseTheirOwn() {
        assertEquals("https://sts.eu-west-1.amazonaws.com", endpointOfAssumeRoot(Region.EU_WEST_1));
        assertEquals("https://sts.ap-southeast-2.amazonaws.com", endpointOfAssumeRoot(Region.AP_SOUTHEAST_2));
    }
}
