package io.github.stalecerts.bench;

import io.github.stalecerts.aws.ApiCallCounter;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.iam.IamClient;

/** SDK clients as the Lambda builds them (URLConnection, standard retries, the call counter), pointed at moto. */
record BenchClients(IamClient iam, ConfigClient config, ApiCallCounter counter, OperationTimer timer,
                    NewReportEachRun newReport) {

    static BenchClients at(URI endpoint) {
        if (!"127.0.0.1".equals(endpoint.getHost())) {
            throw new IllegalArgumentException("the bench only talks to 127.0.0.1, got " + endpoint);
        }
        ApiCallCounter counter = new ApiCallCounter();
        OperationTimer timer = new OperationTimer();
        NewReportEachRun newReport = new NewReportEachRun();
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .addExecutionInterceptor(counter)
                .addExecutionInterceptor(timer)
                .addExecutionInterceptor(newReport)
                .build();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        IamClient iam = IamClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides).build();
        ConfigClient config = ConfigClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides).build();
        return new BenchClients(iam, config, counter, timer, newReport);
    }
}
