package io.github.stalecerts.organization;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;

/** The temporary credentials STS hands out (an assumed role's, a root session's), for signing an IAM client. */
final class SessionCredentials {

    private SessionCredentials() {
    }

    static AwsCredentialsProvider of(Credentials credentials) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }
}
