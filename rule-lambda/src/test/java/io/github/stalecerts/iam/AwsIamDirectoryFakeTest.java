package io.github.stalecerts.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.rule.SigningCertificate;
import io.github.stalecerts.testing.Certificates;
import io.github.stalecerts.testing.FakeAws;
import io.github.stalecerts.testing.RecordingSleeper;
import io.github.stalecerts.testing.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IAM behaviour moto does not reproduce, against a small local fake ({@link FakeAws}) speaking
 * IAM's query/XML protocol: GetAccountAuthorizationDetails paging (moto answers unpaged), a report
 * that stays in progress or expires, AccessDenied, throttling and 5xx after the SDK's retries; and each
 * response as the IAM API Reference documents it (its sample responses, quirks included), each test naming
 * its page under https://docs.aws.amazon.com/IAM/latest/APIReference/.
 */
class AwsIamDirectoryFakeTest {

    private static final String NS = " xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"";

    private static String wrap(String action, String result) {
        return "<" + action + "Response" + NS + "><" + action + "Result>" + result + "</" + action + "Result>"
                + "<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></" + action + "Response>";
    }

    private static String userXml(int i) {
        return "<member><UserName>user-" + i + "</UserName><UserId>AIDA" + i + "</UserId><Path>/</Path>"
                + "<Arn>arn:aws:iam::123456789012:user/user-" + i + "</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate>"
                + "<Tags><member><Key>team</Key><Value>t" + i + "</Value></member></Tags></member>";
    }

    private static FakeAws.Response page(int from, int to, String marker) {
        String users = IntStream.range(from, to).mapToObj(AwsIamDirectoryFakeTest::userXml).collect(Collectors.joining());
        return FakeAws.Response.xml(wrap("GetAccountAuthorizationDetails", "<UserDetailList>" + users + "</UserDetailList>"
                + "<GroupDetailList/><RoleDetailList/><Policies/>"
                + (marker == null ? "<IsTruncated>false</IsTruncated>" : "<IsTruncated>true</IsTruncated><Marker>" + marker + "</Marker>")));
    }

    @Test
    void pagesGetAccountAuthorizationDetailsAtOneThousand() throws Exception {
        try (FakeAws iam = new FakeAws(r -> "page-2".equals(r.form().get("Marker")) ? page(1000, 1005, null) : page(0, 1000, "page-2"))) {
            List<IamUser> users = new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper()).users();

            assertEquals(1005, users.size());
            assertEquals(new IamUser("AIDA1004", "user-1004", "arn:aws:iam::123456789012:user/user-1004", Map.of("team", "t1004")),
                    users.get(1004));
            List<Map<String, String>> sent = iam.requests.stream().map(FakeAws.Request::form).toList();
            assertEquals(2, sent.size());
            assertTrue(sent.stream().allMatch(f -> f.get("MaxItems").equals("1000") && f.get("Filter.member.1").equals("User")),
                    sent.toString());
            assertEquals("page-2", sent.get(1).get("Marker"));
        }
    }

    private static FakeAws.Response state(String state) {
        return FakeAws.Response.xml(wrap("GenerateCredentialReport", "<State>" + state + "</State>"));
    }

    private static FakeAws.Response report(String csv) {
        return FakeAws.Response.xml(wrap("GetCredentialReport", "<Content>"
                + Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8))
                + "</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-22T00:00:00Z</GeneratedTime>"));
    }

    private static final String CSV = "user,arn,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"
            + "<root_account>,arn:aws:iam::123456789012:root,true,2026-01-01T00:00:00+00:00,false,N/A\n";

    @Test
    void pollsTheReportWithGrowingBoundedWaits() throws Exception {
        AtomicInteger generates = new AtomicInteger();
        try (FakeAws iam = new FakeAws(r -> switch (r.operation()) {
            case "GenerateCredentialReport" -> state(generates.incrementAndGet() < 4 ? "INPROGRESS" : "COMPLETE");
            case "GetCredentialReport" -> report(CSV);
            default -> FakeAws.Response.xmlError(400, "InvalidAction", r.operation());
        })) {
            RecordingSleeper sleeper = new RecordingSleeper();
            CredentialReport parsed = new AwsIamDirectory(TestClients.iam(iam.endpoint()), sleeper).requestCredentialReport().await();

            assertEquals("123456789012", parsed.root().orElseThrow().accountId());
            // The first re-check is immediate (the users were read meanwhile), then 0.5 s, 1 s, ...
            assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), sleeper.waits);
            assertEquals(4, iam.requests("GenerateCredentialReport").size());
        }
    }

    @Test
    void aReportThatNeverCompletesIsAnErrorNotAnEmptyAccount() throws Exception {
        try (FakeAws iam = new FakeAws(r -> state("INPROGRESS"))) {
            RecordingSleeper sleeper = new RecordingSleeper();
            CredentialReportException e = assertThrows(CredentialReportException.class,
                    () -> new AwsIamDirectory(TestClients.iam(iam.endpoint()), sleeper).requestCredentialReport().await());

            assertTrue(e.getMessage().contains("not ready after " + AwsIamDirectory.MAX_REPORT_POLLS + " polls"), e.getMessage());
            assertEquals(AwsIamDirectory.MAX_REPORT_POLLS, iam.requests.size());
            assertTrue(sleeper.waits.stream().allMatch(w -> w.compareTo(Duration.ofSeconds(15)) <= 0), sleeper.waits.toString());
        }
    }

    @Test
    void anExpiredOrUnfinishedReportIsGeneratedAgain() throws Exception {
        List<String> errors = new ArrayList<>(List.of("ReportExpired", "ReportInProgress", "ReportNotPresent"));
        try (FakeAws iam = new FakeAws(r -> switch (r.operation()) {
            case "GenerateCredentialReport" -> state("COMPLETE");
            case "GetCredentialReport" -> errors.isEmpty() ? report(CSV)
                    : FakeAws.Response.xmlError(410, errors.remove(0), "report not available");
            default -> FakeAws.Response.xmlError(400, "InvalidAction", r.operation());
        })) {
            CredentialReport parsed = new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper()).requestCredentialReport().await();

            assertTrue(parsed.root().isPresent());
            assertEquals(4, iam.requests("GetCredentialReport").size());
        }
    }

    @Test
    void accessDeniedNamesTheMissingPermission() throws Exception {
        try (FakeAws iam = new FakeAws(r -> FakeAws.Response.xmlError(403, "AccessDenied",
                "User is not authorized to perform: iam:GetAccountAuthorizationDetails"))) {
            AwsCallException e = assertThrows(AwsCallException.class,
                    () -> new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper()).users());

            assertEquals("iam:GetAccountAuthorizationDetails was denied (AccessDenied): the caller's role needs "
                    + "permission for iam:GetAccountAuthorizationDetails", e.getMessage());
        }
    }

    @Test
    void aUserIamDoesNotKnowIsEmptyNotAFailure() throws Exception {
        try (FakeAws iam = new FakeAws(r -> FakeAws.Response.xmlError(404, "NoSuchEntity",
                "The user with name alice cannot be found."))) {
            assertEquals(Optional.empty(), new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper()).user("alice"));
        }
    }

    @Test
    void throttlingIsRetriedByTheSdkThenReported() throws Exception {
        try (FakeAws iam = new FakeAws(r -> FakeAws.Response.xmlError(400, "Throttling", "Rate exceeded"))) {
            AwsCallException e = assertThrows(AwsCallException.class,
                    () -> new AwsIamDirectory(TestClients.iam(iam.endpoint(), 3), new RecordingSleeper()).certificates("alice"));

            assertEquals(3, iam.requests.size(), "the SDK retried before giving up");
            assertTrue(e.getMessage().startsWith("iam:ListSigningCertificates was still throttled"), e.getMessage());
        }
    }

    @Test
    void serverErrorsAreRetriedByTheSdkThenReported() throws Exception {
        try (FakeAws iam = new FakeAws(r -> new FakeAws.Response(503, "text/xml",
                "<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>down</Message></Error></ErrorResponse>"))) {
            AwsCallException e = assertThrows(AwsCallException.class,
                    () -> new AwsIamDirectory(TestClients.iam(iam.endpoint(), 2), new RecordingSleeper()).user("alice"));

            assertEquals(2, iam.requests.size());
            assertTrue(e.getMessage().contains("iam:GetUser failed with HTTP 503"), e.getMessage());
        }
    }

    private static final Instant NOT_AFTER = Instant.now().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
    private static final String PEM = Certificates.pem(Instant.now().minus(Duration.ofDays(1)), NOT_AFTER);

    /**
     * API_ListSigningCertificates.html, "Sample Response" as published: no xmlns on the root element, a
     * {@code UserName} directly under the result (not in the model), the PEM body opening with a line break
     * and closed by an indented line, and (in the sample) no {@code UploadDate}.
     */
    private static FakeAws.Response signingCertificates(String uploadDate, String status) {
        return FakeAws.Response.xml("""
                <ListSigningCertificatesResponse>
                  <ListSigningCertificatesResult>
                    <UserName>Bob</UserName>
                    <Certificates>
                       <member>
                          <UserName>Bob</UserName>
                          <CertificateId>TA7SMEXAMPLEZ26OBPJE7EXAMPLE</CertificateId>
                          <CertificateBody>
                %s
                          </CertificateBody>
                          <Status>%s</Status>%s
                       </member>
                    </Certificates>
                    <IsTruncated>false</IsTruncated>
                 </ListSigningCertificatesResult>
                 <ResponseMetadata>
                    <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
                 </ResponseMetadata>
                </ListSigningCertificatesResponse>
                """.formatted(PEM.strip(), status, uploadDate == null ? "" : "\n          <UploadDate>" + uploadDate + "</UploadDate>"));
    }

    @Test
    void readsListSigningCertificatesAsPublishedWithAnUploadDate() throws Exception {
        try (FakeAws iam = new FakeAws(r -> signingCertificates("2026-06-06T21:40:08.121Z", "Active"))) {
            List<SigningCertificate> certificates = new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper())
                    .certificates("Bob");

            assertEquals(List.of(new SigningCertificate("TA7SMEXAMPLEZ26OBPJE7EXAMPLE", true,
                    Instant.parse("2026-06-06T21:40:08.121Z"), Optional.of(NOT_AFTER))), certificates);
            assertEquals("Bob", iam.requests.get(0).form().get("UserName"));
        }
    }

    /**
     * The published sample has no UploadDate (the API model marks it optional). An active certificate without
     * one cannot be judged by age: its user is unread, with a message, not a crash of the whole run; an
     * inactive one, whose date nothing needs, is read.
     */
    @Test
    void aCertificateWithoutAnUploadDateLeavesItsUserUnreadWhenActive() throws Exception {
        try (FakeAws iam = new FakeAws(r -> signingCertificates(null, "Active"))) {
            CertificateBodyException e = assertThrows(CertificateBodyException.class,
                    () -> new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper()).certificates("Bob"));

            assertEquals("signing certificate TA7SMEXAMPLEZ26OBPJE7EXAMPLE cannot be judged: IAM returned it without an "
                    + "UploadDate", e.getMessage());
        }
        try (FakeAws iam = new FakeAws(r -> signingCertificates(null, "Inactive"))) {
            List<SigningCertificate> certificates = new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper())
                    .certificates("Bob");

            assertEquals(1, certificates.size());
            assertEquals(false, certificates.get(0).active());
        }
    }

    /**
     * API_GetAccountAuthorizationDetails.html, "Sample Response": IsTruncated true and a Marker wrapped over two
     * indented lines (a rendering of the docs; a real marker is an opaque token), no Tags on the users. The
     * SDK sends the marker back as the element's text, whitespace and all: the server's token, unchanged,
     * which is what IAM expects (the API Reference: "the value of the Marker element in the response that you
     * received").
     */
    @Test
    void pagesWithAMarkerAsPublishedAndUsersWithoutTags() throws Exception {
        String marker = "\n      EXAMPLEkakv9BCuUNFDtxWSyfzetYwEx2ADc8dnzfvERF5S6YMvXKx41t6gCl/eeaCX3Jo94/\n"
                + "      bKqezEAg8TEVS99EKFLxm3jtbpl25FDWEXAMPLE\n    ";
        String alice = "<member><GroupList><member>Admins</member></GroupList><AttachedManagedPolicies/>"
                + "<UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Path>/</Path><UserName>Alice</UserName>"
                + "<Arn>arn:aws:iam::123456789012:user/Alice</Arn><CreateDate>2013-10-14T18:32:24Z</CreateDate></member>";
        String bob = alice.replace("C2EXAMPLE", "C3EXAMPLE").replace("Alice", "Bob");
        try (FakeAws iam = new FakeAws(r -> FakeAws.Response.xml(wrap("GetAccountAuthorizationDetails",
                r.form().containsKey("Marker")
                        ? "<IsTruncated>false</IsTruncated><UserDetailList>" + bob + "</UserDetailList>"
                        : "<IsTruncated>true</IsTruncated><UserDetailList>" + alice + "</UserDetailList>\n    <Marker>"
                                + marker + "</Marker>\n    <GroupDetailList/>")))) {
            List<IamUser> users = new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper()).users();

            assertEquals(List.of(new IamUser("AIDACKCEVSQ6C2EXAMPLE", "Alice", "arn:aws:iam::123456789012:user/Alice", Map.of()),
                    new IamUser("AIDACKCEVSQ6C3EXAMPLE", "Bob", "arn:aws:iam::123456789012:user/Bob", Map.of())), users);
            assertEquals(2, iam.requests.size());
            assertEquals(marker, iam.requests.get(1).form().get("Marker"), "the marker goes back as received");
        }
    }

    /**
     * API_GenerateCredentialReport.html (State STARTED, then INPROGRESS, then COMPLETE, with a Description) and
     * API_GetCredentialReport.html (Content base64, ReportFormat text/csv): a report made for this run, in the
     * 23 columns of IAM's current format, read whole.
     */
    @Test
    void generatesStartedThenInProgressThenCompleteAndDecodesTheBase64Report() throws Exception {
        String csv = CredentialReportParserTest.HEADER_23 + "\n" + CredentialReportParserTest.ROOT + ",N/A\n"
                + CredentialReportParserTest.user("bob", "arn:aws:iam::123456789012:user/bob", "false", "N/A", "false", "N/A")
                + ",\"1 additional certificate\"\n";
        List<String> states = new ArrayList<>(List.of("STARTED", "INPROGRESS", "COMPLETE"));
        try (FakeAws iam = new FakeAws(r -> switch (r.operation()) {
            case "GenerateCredentialReport" -> FakeAws.Response.xml(wrap("GenerateCredentialReport",
                    "\n    <Description>No report exists. Starting a new report generation task</Description>\n    <State>"
                            + (states.size() > 1 ? states.remove(0) : states.get(0)) + "</State>\n  "));
            case "GetCredentialReport" -> report(csv);
            default -> FakeAws.Response.xmlError(400, "InvalidAction", r.operation());
        })) {
            AwsIamDirectory.AwsPendingReport pending = new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper())
                    .requestCredentialReport();
            CredentialReport parsed = pending.await();

            assertTrue(pending.generatedForThisRun(), "STARTED: made for this run");
            assertEquals(3, iam.requests("GenerateCredentialReport").size());
            assertEquals(1, iam.requests("GetCredentialReport").size());
            assertEquals(0, parsed.unparsedRows());
            assertTrue(parsed.usersByArn().get("arn:aws:iam::123456789012:user/bob").mayHaveMoreCertificates());
        }
    }

    /**
     * IAM's error body as AWS writes it (an IAM NoSuchEntity captured in botocore's tests; CommonErrors.html and
     * each operation's "Errors" for the codes and statuses): the IAM namespace, Type, Code, Message, and the
     * RequestId after the Error element, pretty-printed.
     */
    private static FakeAws.Response iamError(int status, String code, String message) {
        return new FakeAws.Response(status, "text/xml", """
                <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <Error>
                    <Type>Sender</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>358299bb-b7f8-11e2-8d39-e3a125f625ee</RequestId>
                </ErrorResponse>
                """.formatted(code, message));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "404 | NoSuchEntity | The user with name Bob cannot be found. | NOT_FOUND",
            "403 | AccessDenied | User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: iam:ListSigningCertificates | ACCESS_DENIED",
            "400 | Throttling   | Rate exceeded | FAILED",
    })
    void readsIamsErrorBodies(int status, String code, String message, AwsCallException.Reason reason) throws Exception {
        try (FakeAws iam = new FakeAws(r -> iamError(status, code, message))) {
            AwsCallException e = assertThrows(AwsCallException.class,
                    () -> new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper()).certificates("Bob"));

            assertEquals(code, e.errorCode());
            assertEquals(reason, e.reason());
            assertTrue(e.getMessage().startsWith("iam:ListSigningCertificates"), e.getMessage());
        }
    }

    /** API_GetCredentialReport.html: ReportInProgress is HTTP 404 (not a missing user): generate and poll again. */
    @Test
    void aReportInProgressErrorIsPolledAgainNotTakenForAMissingEntity() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        try (FakeAws iam = new FakeAws(r -> switch (r.operation()) {
            case "GenerateCredentialReport" -> state("COMPLETE");
            case "GetCredentialReport" -> gets.incrementAndGet() == 1
                    ? iamError(404, "ReportInProgress", "Report generation in progress.") : report(CSV);
            default -> FakeAws.Response.xmlError(400, "InvalidAction", r.operation());
        })) {
            CredentialReport parsed = new AwsIamDirectory(TestClients.iam(iam.endpoint()), new RecordingSleeper())
                    .requestCredentialReport().await();

            assertTrue(parsed.root().isPresent());
            assertEquals(2, gets.get());
        }
    }
}
