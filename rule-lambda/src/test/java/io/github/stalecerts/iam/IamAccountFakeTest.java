package io.github.stalecerts.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.aws.AwsCallException;
import io.github.stalecerts.testing.FakeAws;
import io.github.stalecerts.testing.RecordingSleeper;
import io.github.stalecerts.testing.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * IAM behaviour moto does not reproduce, against a small local fake ({@link FakeAws}) speaking
 * IAM's query/XML protocol: GetAccountAuthorizationDetails paging (moto answers unpaged), a report
 * that stays in progress or expires, AccessDenied, throttling and 5xx after the SDK's retries.
 */
class IamAccountFakeTest {

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
        String users = IntStream.range(from, to).mapToObj(IamAccountFakeTest::userXml).collect(Collectors.joining());
        return FakeAws.Response.xml(wrap("GetAccountAuthorizationDetails", "<UserDetailList>" + users + "</UserDetailList>"
                + "<GroupDetailList/><RoleDetailList/><Policies/>"
                + (marker == null ? "<IsTruncated>false</IsTruncated>" : "<IsTruncated>true</IsTruncated><Marker>" + marker + "</Marker>")));
    }

    @Test
    void pagesGetAccountAuthorizationDetailsAtOneThousand() throws Exception {
        try (FakeAws iam = new FakeAws(r -> "page-2".equals(r.form().get("Marker")) ? page(1000, 1005, null) : page(0, 1000, "page-2"))) {
            List<IamUser> users = new IamAccount(TestClients.iam(iam.endpoint()), new RecordingSleeper()).users();

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
            CredentialReport parsed = new IamAccount(TestClients.iam(iam.endpoint()), sleeper).requestCredentialReport().await();

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
                    () -> new IamAccount(TestClients.iam(iam.endpoint()), sleeper).requestCredentialReport().await());

            assertTrue(e.getMessage().contains("not ready after " + IamAccount.MAX_REPORT_POLLS + " polls"), e.getMessage());
            assertEquals(IamAccount.MAX_REPORT_POLLS, iam.requests.size());
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
            CredentialReport parsed = new IamAccount(TestClients.iam(iam.endpoint()), new RecordingSleeper()).requestCredentialReport().await();

            assertTrue(parsed.root().isPresent());
            assertEquals(4, iam.requests("GetCredentialReport").size());
        }
    }

    @Test
    void accessDeniedNamesTheMissingPermission() throws Exception {
        try (FakeAws iam = new FakeAws(r -> FakeAws.Response.xmlError(403, "AccessDenied",
                "User is not authorized to perform: iam:GetAccountAuthorizationDetails"))) {
            AwsCallException e = assertThrows(AwsCallException.class,
                    () -> new IamAccount(TestClients.iam(iam.endpoint()), new RecordingSleeper()).users());

            assertEquals("iam:GetAccountAuthorizationDetails was denied (AccessDenied): the caller's role needs "
                    + "permission for iam:GetAccountAuthorizationDetails", e.getMessage());
        }
    }

    @Test
    void aUserIamDoesNotKnowIsEmptyNotAFailure() throws Exception {
        try (FakeAws iam = new FakeAws(r -> FakeAws.Response.xmlError(404, "NoSuchEntity",
                "The user with name alice cannot be found."))) {
            assertEquals(Optional.empty(), new IamAccount(TestClients.iam(iam.endpoint()), new RecordingSleeper()).user("alice"));
        }
    }

    @Test
    void throttlingIsRetriedByTheSdkThenReported() throws Exception {
        try (FakeAws iam = new FakeAws(r -> FakeAws.Response.xmlError(400, "Throttling", "Rate exceeded"))) {
            AwsCallException e = assertThrows(AwsCallException.class,
                    () -> new IamAccount(TestClients.iam(iam.endpoint(), 3), new RecordingSleeper()).certificates("alice"));

            assertEquals(3, iam.requests.size(), "the SDK retried before giving up");
            assertTrue(e.getMessage().startsWith("iam:ListSigningCertificates was still throttled"), e.getMessage());
        }
    }

    @Test
    void serverErrorsAreRetriedByTheSdkThenReported() throws Exception {
        try (FakeAws iam = new FakeAws(r -> new FakeAws.Response(503, "text/xml",
                "<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>down</Message></Error></ErrorResponse>"))) {
            AwsCallException e = assertThrows(AwsCallException.class,
                    () -> new IamAccount(TestClients.iam(iam.endpoint(), 2), new RecordingSleeper()).user("alice"));

            assertEquals(2, iam.requests.size());
            assertTrue(e.getMessage().contains("iam:GetUser failed with HTTP 503"), e.getMessage());
        }
    }
}
