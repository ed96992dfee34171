package io.github.stalecerts.testing;

import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.iam.CertificateBodyException;
import io.github.stalecerts.iam.CredentialReport;
import io.github.stalecerts.iam.IamDirectory;
import io.github.stalecerts.iam.IamUser;
import io.github.stalecerts.rule.SigningCertificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An account's IAM held in memory, for pure-Java tests of the audit and the remediation. It
 * records each call by its IAM action name, and can be told to fail a listing the way IAM does
 * (denied, user gone, throttled) or to hand out a credential report made before the run.
 */
public final class InMemoryIam implements IamDirectory {

    public static final String ACCOUNT_ID = "123456789012";

    private final Map<String, IamUser> users = new LinkedHashMap<>();
    private final Map<String, List<SigningCertificate>> certificates = new HashMap<>();
    private final Map<String, RuntimeException> listingFailures = new HashMap<>();
    private CredentialReport report = new CredentialReport(Map.of(), Optional.empty(), 0, Optional.empty());
    private boolean reportReused;
    /**
     * Every call, as {@code iam:Operation} or {@code iam:Operation user}. Thread-safe: the audit lists
     * certificates from several threads at once.
     */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Certificates set Inactive, as {@code user/certificateId}. */
    public final List<String> deactivated = new CopyOnWriteArrayList<>();

    /** Adds a user with id {@code AIDA<NAME>}, ARN in {@link #ACCOUNT_ID}, and the given certificates. */
    public IamUser add(String name, Map<String, String> tags, SigningCertificate... certificates) {
        IamUser user = new IamUser("AIDA" + name.toUpperCase(Locale.ROOT), name,
                "arn:aws:iam::" + ACCOUNT_ID + ":user/" + name, tags);
        users.put(name, user);
        this.certificates.put(name, new ArrayList<>(List.of(certificates)));
        return user;
    }

    public IamUser add(String name, SigningCertificate... certificates) {
        return add(name, Map.of(), certificates);
    }

    public void remove(String name) {
        users.remove(name);
    }

    /** The report {@link #requestCredentialReport()} hands out; {@code reused}: one IAM made before this run. */
    public void report(CredentialReport report, boolean reused) {
        this.report = report;
        this.reportReused = reused;
    }

    /** Listing this user's certificates fails with this exception. */
    public void failListing(String userName, RuntimeException failure) {
        listingFailures.put(userName, failure);
    }

    public static AwsCallException denied(String action) {
        return new AwsCallException(action + " was denied (AccessDenied): the caller's role needs permission for " + action,
                AwsCallException.Reason.ACCESS_DENIED, null);
    }

    public static AwsCallException notFound(String action) {
        return new AwsCallException(action + " failed: NoSuchEntity", AwsCallException.Reason.NOT_FOUND, null);
    }

    public static AwsCallException throttled(String action) {
        return new AwsCallException(action + " was still throttled after the SDK's retries (Throttling)",
                AwsCallException.Reason.FAILED, null);
    }

    public static CertificateBodyException badBody(String certificateId) {
        return new CertificateBodyException("signing certificate " + certificateId + " has a body that is not a PEM X.509 certificate");
    }

    @Override
    public List<IamUser> users() {
        calls.add("iam:GetAccountAuthorizationDetails");
        return List.copyOf(users.values());
    }

    @Override
    public Optional<IamUser> user(String userName) {
        calls.add("iam:GetUser " + userName);
        return Optional.ofNullable(users.get(userName));
    }

    @Override
    public List<SigningCertificate> certificates(String userName) {
        calls.add("iam:ListSigningCertificates " + userName);
        RuntimeException failure = listingFailures.get(userName);
        if (failure != null) {
            throw failure;
        }
        if (!users.containsKey(userName)) {
            throw notFound("iam:ListSigningCertificates");
        }
        return List.copyOf(certificates.get(userName));
    }

    @Override
    public void deactivate(String userName, String certificateId) {
        calls.add("iam:UpdateSigningCertificate " + userName);
        List<SigningCertificate> held = certificates.get(userName);
        for (int i = 0; i < held.size(); i++) {
            SigningCertificate c = held.get(i);
            if (c.id().equals(certificateId)) {
                held.set(i, new SigningCertificate(c.id(), false, c.uploadDate(), c.notAfter()));
                deactivated.add(userName + "/" + certificateId);
                return;
            }
        }
        throw notFound("iam:UpdateSigningCertificate");
    }

    @Override
    public PendingReport requestCredentialReport() {
        calls.add("iam:GenerateCredentialReport");
        CredentialReport handedOut = report;
        boolean generated = !reportReused;
        return new PendingReport() {
            @Override
            public boolean generatedForThisRun() {
                return generated;
            }

            @Override
            public CredentialReport await() {
                calls.add("iam:GetCredentialReport");
                return handedOut;
            }
        };
    }

    /** How many calls of one action were made. */
    public long count(String action) {
        return calls.stream().filter(c -> c.equals(action) || c.startsWith(action + " ")).count();
    }
}
