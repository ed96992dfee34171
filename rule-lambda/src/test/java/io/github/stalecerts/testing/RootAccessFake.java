package io.github.stalecerts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.model.AssumeRootRequest;

/**
 * A local fake of AWS Organizations' centralized root access, which moto implements neither side
 * of: STS {@code AssumeRoot} and, in the root session it hands out, IAM's
 * {@code ListSigningCertificates} / {@code DeleteSigningCertificate} without a user name (the root
 * user's own certificates). Both answer in the services' Query-API XML wire formats; every request
 * is recorded. Everything else (Organizations, AssumeRole, the users) stays in moto.
 */
public final class RootAccessFake implements AutoCloseable {

    /** A root certificate as IAM lists it. */
    public record RootCertificate(String id, String body, String status, Instant uploadDate) {
    }

    private static final String ACCESS_KEY_PREFIX = "ASIAFAKEROOT";
    private static final AtomicLong IDS = new AtomicLong(1);
    /** The task letter in a root session's access key id. */
    private static final String AUDIT = "A";
    private static final String DELETE = "D";

    private final FakeAws sts;
    /** One IAM endpoint per task and account ({@code A111122223333}): what a session may do depends on its task policy. */
    private final Map<String, FakeAws> iamBySession = new ConcurrentHashMap<>();
    private final Map<String, List<RootCertificate>> certificates = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Set<String> undeletable = ConcurrentHashMap.newKeySet();

    public RootAccessFake() {
        try {
            sts = new FakeAws(this::sts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads a certificate to the member's root user; returns its id. */
    public String certificate(String accountId, String pem, String status, Instant uploadDate) {
        String id = String.format("R%07dFAKEROOTCERTIFICATE", IDS.getAndIncrement());
        certificates.computeIfAbsent(accountId, a -> new CopyOnWriteArrayList<>())
                .add(new RootCertificate(id, pem, status, uploadDate));
        return id;
    }

    public List<RootCertificate> certificates(String accountId) {
        return List.copyOf(certificates.getOrDefault(accountId, List.of()));
    }

    /** AssumeRoot on this account is refused with AccessDenied (the feature off, or an SCP). */
    public void refuse(String accountId) {
        refused.add(accountId);
    }

    /** Deleting this certificate fails with ServiceFailure (HTTP 500), as IAM can. */
    public void failDeletionOf(String certificateId) {
        undeletable.add(certificateId);
    }

    public List<FakeAws.Request> assumeRootRequests() {
        return sts.requests("AssumeRoot");
    }

    /** The IAM requests made in root sessions on this account: those of audit sessions, then those of deletion sessions. */
    public List<FakeAws.Request> iamRequests(String accountId) {
        List<FakeAws.Request> requests = new ArrayList<>();
        for (String task : List.of(AUDIT, DELETE)) {
            FakeAws iam = iamBySession.get(task + accountId);
            if (iam != null) {
                requests.addAll(iam.requests);
            }
        }
        return requests;
    }

    /** On the audit's STS client: sends AssumeRoot to this fake, everything else to moto. */
    public ExecutionInterceptor stsRedirect() {
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.request() instanceof AssumeRootRequest
                        ? context.httpRequest().toBuilder().protocol("http").host("127.0.0.1")
                                .port(sts.endpoint().getPort()).build()
                        : context.httpRequest();
            }
        };
    }

    /**
     * IAM clients for the audit: a root session's credentials reach this fake (with {@code interceptors}),
     * any other reach {@code otherwise}.
     */
    public Function<AwsCredentialsProvider, IamClient> iamWith(Function<AwsCredentialsProvider, IamClient> otherwise,
                                                              ExecutionInterceptor... interceptors) {
        return credentials -> {
            String key = credentials.resolveCredentials().accessKeyId();
            if (!key.startsWith(ACCESS_KEY_PREFIX)) {
                return otherwise.apply(credentials);
            }
            // ASIAFAKEROOT<task letter><account id>: the fake serves the account, and the task decides what it allows.
            return IamClient.builder().endpointOverride(iam(key.substring(ACCESS_KEY_PREFIX.length())).endpoint())
                    .region(Region.US_EAST_1).credentialsProvider(credentials)
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1))
                            .executionInterceptors(List.of(interceptors)).build())
                    .build();
        };
    }

    private FakeAws iam(String session) {
        return iamBySession.computeIfAbsent(session, key -> {
            try {
                return new FakeAws(request -> rootIam(key.substring(0, 1), key.substring(1), request));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private FakeAws.Response sts(FakeAws.Request request) {
        Map<String, String> form = request.form();
        String account = form.getOrDefault("TargetPrincipal", "");
        if (refused.contains(account)) {
            return FakeAws.Response.xmlError(403, "AccessDenied", "User: arn:aws:iam::" + MotoServer.ACCOUNT_ID
                    + ":user/testing is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::" + account + ":root");
        }
        String policy = form.getOrDefault("TaskPolicyArn.arn", "");
        String task = policy.endsWith("/root-task/IAMAuditRootUserCredentials") ? AUDIT
                : policy.endsWith("/root-task/IAMDeleteRootUserCredentials") ? DELETE : null;
        if (task == null) {
            return FakeAws.Response.xmlError(400, "ValidationError", "this fake knows only the two root-credential task policies");
        }
        Instant expiration = Instant.now().plus(Duration.ofSeconds(Long.parseLong(form.getOrDefault("DurationSeconds", "900"))));
        return FakeAws.Response.xml("<AssumeRootResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRootResult><Credentials>"
                + "<AccessKeyId>" + ACCESS_KEY_PREFIX + task + account + "</AccessKeyId>"
                + "<SecretAccessKey>fake-root-session-secret</SecretAccessKey>"
                + "<SessionToken>fake-root-session-token</SessionToken>"
                + "<Expiration>" + expiration + "</Expiration>"
                + "</Credentials><SourceIdentity></SourceIdentity></AssumeRootResult>"
                + "<ResponseMetadata><RequestId>fake-assume-root</RequestId></ResponseMetadata></AssumeRootResponse>");
    }

    /**
     * IAMAuditRootUserCredentials leaves ListSigningCertificates on the root user, IAMDeleteRootUserCredentials
     * DeleteSigningCertificate; any other call in the session is denied, as the task policy would.
     */
    private FakeAws.Response rootIam(String task, String accountId, FakeAws.Request request) {
        String allowed = task.equals(AUDIT) ? "ListSigningCertificates" : "DeleteSigningCertificate";
        if (!request.operation().equals(allowed)) {
            return FakeAws.Response.xmlError(403, "AccessDenied", request.operation() + " is not allowed by this root session's task policy");
        }
        Map<String, String> form = request.form();
        if (form.containsKey("UserName")) {
            return FakeAws.Response.xmlError(400, "ValidationError", "this fake serves only the root user's own certificates");
        }
        List<RootCertificate> held = certificates.computeIfAbsent(accountId, a -> new CopyOnWriteArrayList<>());
        switch (request.operation()) {
            case "ListSigningCertificates" -> {
                StringBuilder members = new StringBuilder();
                for (RootCertificate c : new ArrayList<>(held)) {
                    members.append("<member><CertificateId>").append(c.id()).append("</CertificateId>")
                            .append("<CertificateBody>").append(c.body()).append("</CertificateBody>")
                            .append("<Status>").append(c.status()).append("</Status>")
                            .append("<UploadDate>").append(c.uploadDate()).append("</UploadDate></member>");
                }
                return FakeAws.Response.xml("<ListSigningCertificatesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                        + "<ListSigningCertificatesResult><IsTruncated>false</IsTruncated><Certificates>" + members
                        + "</Certificates></ListSigningCertificatesResult>"
                        + "<ResponseMetadata><RequestId>fake-list</RequestId></ResponseMetadata></ListSigningCertificatesResponse>");
            }
            case "DeleteSigningCertificate" -> {
                String id = form.get("CertificateId");
                if (undeletable.contains(id)) {
                    return FakeAws.Response.xmlError(500, "ServiceFailure", "The request processing has failed because of an unknown error.");
                }
                if (!held.removeIf(c -> c.id().equals(id))) {
                    return FakeAws.Response.xmlError(404, "NoSuchEntity", "The Certificate with id " + id + " cannot be found.");
                }
                return FakeAws.Response.xml("<DeleteSigningCertificateResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                        + "<ResponseMetadata><RequestId>fake-delete</RequestId></ResponseMetadata></DeleteSigningCertificateResponse>");
            }
            default -> {
                return FakeAws.Response.xmlError(403, "AccessDenied", request.operation() + " is not allowed in a root session");
            }
        }
    }

    @Override
    public void close() {
        sts.close();
        iamBySession.values().forEach(FakeAws::close);
    }
}
