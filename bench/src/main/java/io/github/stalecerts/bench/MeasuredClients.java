package io.github.stalecerts.bench;

import io.github.stalecerts.aws.ApiCallCounter;
import io.github.stalecerts.aws.AwsClients;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.iam.IamClient;

/** The Lambda's own clients ({@link AwsClients}) pointed at moto or the latency proxy, with the bench's timer and report interceptor. */
record MeasuredClients(AwsClients aws, OperationTimer timer, NewReportEachRun newReport) {

    static MeasuredClients at(URI endpoint) {
        if (!"127.0.0.1".equals(endpoint.getHost())) {
            throw new IllegalArgumentException("the bench only talks to 127.0.0.1, got " + endpoint);
        }
        OperationTimer timer = new OperationTimer();
        NewReportEachRun newReport = new NewReportEachRun();
        AwsClients aws = AwsClients.at(endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), timer, newReport);
        return new MeasuredClients(aws, timer, newReport);
    }

    IamClient iam() {
        return aws.iam();
    }

    ConfigClient config() {
        return aws.config();
    }

    ApiCallCounter counter() {
        return aws.counter();
    }
}
