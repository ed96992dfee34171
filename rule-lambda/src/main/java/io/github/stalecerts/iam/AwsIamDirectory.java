package io.github.stalecerts.iam;

import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.aws.AwsErrors;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.rule.SigningCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.iam.model.UserDetail;

/** The AWS SDK implementation of {@link IamDirectory}: reads users, their signing certificates and the credential report from IAM. */
public final class AwsIamDirectory implements IamDirectory {

    /** GetAccountAuthorizationDetails' largest page. */
    static final int PAGE_SIZE = 1000;
    /** The credential report is usually ready in seconds; give up after about a minute (the docs name these three). */
    public static final int MAX_REPORT_POLLS = 8;
    public static final Duration FIRST_POLL_WAIT = Duration.ofMillis(500);
    public static final Duration LONGEST_POLL_WAIT = Duration.ofSeconds(15);

    /** Stands in for the missing upload date of an inactive certificate: nothing judges or prints an inactive one's date. */
    private static final Instant UNKNOWN_UPLOAD_OF_INACTIVE = Instant.EPOCH;

    private final IamClient iam;
    private final Sleeper sleeper;

    public AwsIamDirectory(IamClient iam, Sleeper sleeper) {
        this.iam = iam;
        this.sleeper = sleeper;
    }

    /** Every user with id, ARN and tags: one call per 1,000 users. */
    public List<IamUser> users() {
        List<IamUser> users = new ArrayList<>();
        AwsErrors.call(Action.IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS, () -> {
            iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.USER).maxItems(PAGE_SIZE))
                    .forEach(page -> page.userDetailList().forEach(detail -> users.add(user(detail))));
            return null;
        });
        return users;
    }

    /** Sets one certificate Inactive. Never deletes: an inactive certificate can be re-activated. */
    public void deactivate(String userName, String certificateId) {
        AwsErrors.call(Action.IAM_UPDATE_SIGNING_CERTIFICATE, () -> iam.updateSigningCertificate(r -> r
                .userName(userName).certificateId(certificateId).status(StatusType.INACTIVE)));
    }

    /** One user by name, with tags (GetUser returns them); empty when it does not exist. */
    public Optional<IamUser> user(String userName) {
        try {
            User user = AwsErrors.call(Action.IAM_GET_USER, () -> iam.getUser(r -> r.userName(userName)).user());
            return Optional.of(new IamUser(user.userId(), user.userName(), user.arn(), tags(user.tags())));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The user's signing certificates with their X.509 expiry.
     *
     * @throws CertificateBodyException when an active certificate's body is not a PEM X.509 certificate, or it
     *                                  has no upload date
     */
    public List<SigningCertificate> certificates(String userName) {
        return AwsErrors.call(Action.IAM_LIST_SIGNING_CERTIFICATES, () -> {
            List<SigningCertificate> certificates = new ArrayList<>(2);
            iam.listSigningCertificatesPaginator(r -> r.userName(userName)).certificates().forEach(c -> {
                boolean active = "Active".equals(c.statusAsString());
                // Only an active certificate is judged, so only its body and upload date need to be read. The API
                // model marks UploadDate optional (the API Reference's sample omits it): never guess an age.
                if (active && c.uploadDate() == null) {
                    throw new CertificateBodyException("signing certificate " + c.certificateId()
                            + " cannot be judged: IAM returned it without an UploadDate");
                }
                certificates.add(new SigningCertificate(c.certificateId(), active,
                        c.uploadDate() != null ? c.uploadDate() : UNKNOWN_UPLOAD_OF_INACTIVE,
                        active ? Optional.of(X509Bodies.notAfter(c.certificateId(), c.certificateBody())) : Optional.empty()));
            });
            return certificates;
        });
    }

    /**
     * The root user's certificates, in a root session (AssumeRoot): ListSigningCertificates without
     * a user name lists the certificates of the identity that signs the request.
     */
    public List<SigningCertificate> rootCertificates() {
        return certificates(null);
    }

    /** Deletes one of the root user's certificates, in a root session. A deletion cannot be undone. */
    public void deleteRootCertificate(String certificateId) {
        AwsErrors.call(Action.IAM_DELETE_SIGNING_CERTIFICATE, () -> iam.deleteSigningCertificate(r -> r.certificateId(certificateId)));
    }

    /**
     * Asks IAM for a credential report (one GenerateCredentialReport call) without waiting for it.
     * Callers read the users meanwhile, so a report being generated costs no extra wall time.
     */
    public AwsPendingReport requestCredentialReport() {
        return new AwsPendingReport(generate());
    }

    /** A requested credential report. Generation is cheap when a report under 4 hours old exists. */
    public final class AwsPendingReport implements IamDirectory.PendingReport {
        private ReportStateType state;
        private final boolean generatedForThisRun;

        private AwsPendingReport(ReportStateType state) {
            this.state = state;
            // COMPLETE at once means IAM handed back a report made earlier (it reuses one for up to 4 hours).
            this.generatedForThisRun = state != ReportStateType.COMPLETE;
        }

        /**
         * Whether the report is being made now, for this run. A reused report can be hours old: a
         * certificate activated since then shows as inactive in it, so it may not stand in for listing.
         */
        public boolean generatedForThisRun() {
            return generatedForThisRun;
        }

        /**
         * Polls (bounded, growing waits) until the report is ready, then fetches and parses it. The
         * first re-check does not wait: the caller read the users since the request, which is
         * often all the time IAM needed.
         */
        public CredentialReport await() {
            Duration wait = FIRST_POLL_WAIT;
            for (int poll = 1; ; poll++) {
                if (state == ReportStateType.COMPLETE) {
                    Optional<GetCredentialReportResponse> report = fetchReport();
                    if (report.isPresent()) {
                        return CredentialReportParser.parse(report.get().content().asString(StandardCharsets.UTF_8));
                    }
                }
                if (poll == MAX_REPORT_POLLS) {
                    throw new CredentialReportException(
                            "the credential report was not ready after " + MAX_REPORT_POLLS + " polls");
                }
                if (poll > 1) {
                    sleeper.sleep(wait);
                    wait = wait.multipliedBy(2).compareTo(LONGEST_POLL_WAIT) > 0 ? LONGEST_POLL_WAIT : wait.multipliedBy(2);
                }
                state = generate();
            }
        }
    }

    private ReportStateType generate() {
        return AwsErrors.call(Action.IAM_GENERATE_CREDENTIAL_REPORT, () -> iam.generateCredentialReport().state());
    }

    private Optional<GetCredentialReportResponse> fetchReport() {
        try {
            return Optional.of(AwsErrors.call(Action.IAM_GET_CREDENTIAL_REPORT, () -> iam.getCredentialReport()));
        } catch (AwsCallException e) {
            // ReportInProgress, ReportNotPresent and ReportExpired all mean: generate and poll again.
            if (e.getCause() instanceof CredentialReportNotReadyException
                    || e.getCause() instanceof CredentialReportNotPresentException
                    || e.getCause() instanceof CredentialReportExpiredException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static IamUser user(UserDetail detail) {
        return new IamUser(detail.userId(), detail.userName(), detail.arn(), tags(detail.tags()));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(tag -> out.put(tag.key(), tag.value()));
        return out;
    }
}
