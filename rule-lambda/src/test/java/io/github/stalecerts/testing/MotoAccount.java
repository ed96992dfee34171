package io.github.stalecerts.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

/** Seeds users and certificates in moto through the real SDK. */
public final class MotoAccount {

    private final IamClient iam;

    public MotoAccount(IamClient iam) {
        this.iam = iam;
    }

    /** Creates a user and returns its UserId (Config's resource id). */
    public String user(String name, Map<String, String> tags) {
        return iam.createUser(r -> r.userName(name).tags(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())).user().userId();
    }

    public String user(String name) {
        return user(name, Map.of());
    }

    /** Uploads a real certificate valid until {@code notAfter}; returns its id. */
    public String certificate(String userName, Instant notAfter) {
        String pem = Certificates.pem(notAfter.minus(Duration.ofDays(800)), notAfter);
        return iam.uploadSigningCertificate(r -> r.userName(userName).certificateBody(pem)).certificate().certificateId();
    }

    public void deactivate(String userName, String certificateId) {
        iam.updateSigningCertificate(r -> r.userName(userName).certificateId(certificateId).status(StatusType.INACTIVE));
    }
}
