package io.github.stalecerts.organization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.testing.FakeAws;
import io.github.stalecerts.testing.TestClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The STS and Organizations readers against a local fake ({@link FakeAws}) answering in each format as
 * AWS's API references document it, each test naming its page: STS's XML (AssumeRole, AssumeRoot, its
 * error body) and Organizations' JSON 1.1 (ListAccounts).
 */
class StsAndOrganizationsFakeTest {

    private static final String MANAGEMENT = "111111111111";
    private static final Caller CALLER = Caller.of(MANAGEMENT, "arn:aws:iam::111111111111:user/auditor");

    /** The credentials each session's IAM client was built with. */
    private final AtomicReference<AwsCredentials> signedWith = new AtomicReference<>();

    private IamClient capture(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider provider, FakeAws fake) {
        signedWith.set(provider.resolveCredentials());
        return TestClients.iam(fake.endpoint());
    }

    /**
     * STS API Reference, API_AssumeRole.html, "Sample Response": SourceIdentity, AssumedRoleUser, Credentials,
     * PackedPolicySize. The published SessionToken is wrapped over indented lines (a rendering of the page; the
     * SDK would hand such a token on with its line breaks); here it is on one line, as a token is one opaque string.
     */
    @Test
    void assumeRoleAsDocumentedSignsTheMembersClientWithItsCredentials() throws Exception {
        try (FakeAws sts = new FakeAws(r -> FakeAws.Response.xml("""
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                  <SourceIdentity>Alice</SourceIdentity>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/stale-signing-certificates-audit</Arn>
                      <AssumedRoleId>ARO123EXAMPLE123:stale-signing-certificates-audit</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
                      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW</SessionToken>
                      <Expiration>2019-11-09T13:34:41Z</Expiration>
                    </Credentials>
                    <PackedPolicySize>6</PackedPolicySize>
                  </AssumeRoleResult>
                  <ResponseMetadata>
                    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
                  </ResponseMetadata>
                </AssumeRoleResponse>
                """))) {
            AccountSessions sessions = new AccountSessions(TestClients.sts(sts.endpoint()), p -> capture(p, sts),
                    TestClients.iam(sts.endpoint()), CALLER, AccountSessions.DEFAULT_ROLE_NAME);

            try (AccountSessions.AccountSession session = sessions.open("222222222222")) {
                assertTrue(session.assumed());
            }

            AwsSessionCredentials credentials = (AwsSessionCredentials) signedWith.get();
            assertEquals("ASIAIOSFODNN7EXAMPLE", credentials.accessKeyId());
            assertEquals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", credentials.secretAccessKey());
            assertEquals("AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW", credentials.sessionToken());
            Map<String, String> form = sts.requests.get(0).form();
            assertEquals("AssumeRole", form.get("Action"));
            assertEquals("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole", form.get("RoleArn"));
            assertEquals(AccountSessions.SESSION_NAME, form.get("RoleSessionName"));
        }
    }

    /**
     * STS API Reference, API_AssumeRoot.html. Its "Sample Response" is not well-formed as published (it opens
     * {@code <AssumeRootResult>} and closes {@code </AssumeRoleResult>}); this is the documented shape written
     * well-formed: Credentials and SourceIdentity, no AssumedRoleUser, no PackedPolicySize.
     */
    private static final String ASSUME_ROOT = """
            <AssumeRootResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
            <AssumeRootResult>
              <SourceIdentity>Alice</SourceIdentity>
              <Credentials>
                <AccessKeyId>ASIAJEXAMPLEXEG2JICEA</AccessKeyId>
                <SecretAccessKey>9drTJvcXLB89EXAMPLELB8923FB892xMFI</SecretAccessKey>
                <SessionToken>AQoXdzELDDY//////////wEaoAK1wvxJY12r2IrDFT2IvAzTCn3zHoZ7YNtpiQLF0MqZye/qwjzP2iEXAMPLE</SessionToken>
                <Expiration>2019-11-09T13:34:41Z</Expiration>
              </Credentials>
            </AssumeRootResult>
            <ResponseMetadata>
              <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
            </ResponseMetadata>
            </AssumeRootResponse>
            """;

    private static RootSessions rootSessions(FakeAws sts, java.util.function.Function<
            software.amazon.awssdk.auth.credentials.AwsCredentialsProvider, IamClient> iamWith) {
        return new RootSessions(TestClients.sts(sts.endpoint()), iamWith, "aws");
    }

    @Test
    void assumeRootAsDocumentedOpensARootSessionWithTheTaskPolicy() throws Exception {
        try (FakeAws sts = new FakeAws(r -> FakeAws.Response.xml(ASSUME_ROOT))) {
            rootSessions(sts, p -> capture(p, sts)).open("333333333333", RootSessions.Task.AUDIT).close();

            AwsSessionCredentials credentials = (AwsSessionCredentials) signedWith.get();
            assertEquals("ASIAJEXAMPLEXEG2JICEA", credentials.accessKeyId());
            assertEquals("AQoXdzELDDY//////////wEaoAK1wvxJY12r2IrDFT2IvAzTCn3zHoZ7YNtpiQLF0MqZye/qwjzP2iEXAMPLE",
                    credentials.sessionToken());
            // The request as the page's "Sample Request" writes it: TaskPolicyArn.arn, TargetPrincipal, DurationSeconds.
            Map<String, String> form = sts.requests.get(0).form();
            assertEquals("AssumeRoot", form.get("Action"));
            assertEquals("333333333333", form.get("TargetPrincipal"));
            assertEquals("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials", form.get("TaskPolicyArn.arn"));
            assertEquals("900", form.get("DurationSeconds"));
        }
    }

    /** The page's sample as published (mismatched end tag): no session is made of it, and the refusal says so. */
    @Test
    void theAssumeRootSampleAsPublishedIsNotASession() throws Exception {
        String asPublished = ASSUME_ROOT.replace("</AssumeRootResult>", "</AssumeRoleResult>");
        try (FakeAws sts = new FakeAws(r -> FakeAws.Response.xml(asPublished))) {
            RootSessions.RootSessionRefusedException e = assertThrows(RootSessions.RootSessionRefusedException.class,
                    () -> rootSessions(sts, p -> capture(p, sts)).open("333333333333", RootSessions.Task.AUDIT));

            assertTrue(e.getMessage().startsWith("no root session on 333333333333 with IAMAuditRootUserCredentials: "
                    + "sts:AssumeRoot"), e.getMessage());
            assertEquals(null, signedWith.get(), "no IAM client was signed");
        }
    }

    /**
     * STS's error body (an STS AccessDenied captured in botocore's tests): the STS namespace, Type, Code, Message
     * and RequestId. The refusal names the call and the code, for AssumeRoot and for AssumeRole.
     */
    @Test
    void stsErrorBodiesNameTheRefusedCall() throws Exception {
        try (FakeAws sts = new FakeAws(r -> new FakeAws.Response(403, "text/xml", """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error>
                    <Type>Sender</Type>
                    <Code>AccessDenied</Code>
                    <Message>User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: %s</Message>
                  </Error>
                  <RequestId>fake-request</RequestId>
                </ErrorResponse>
                """.formatted(r.operation().equals("AssumeRoot") ? "sts:AssumeRoot" : "sts:AssumeRole")))) {
            RootSessions.RootSessionRefusedException root = assertThrows(RootSessions.RootSessionRefusedException.class,
                    () -> rootSessions(sts, p -> capture(p, sts)).open("333333333333", RootSessions.Task.DELETE));
            AccountUnreachableException role = assertThrows(AccountUnreachableException.class,
                    () -> new AccountSessions(TestClients.sts(sts.endpoint()), p -> capture(p, sts),
                            TestClients.iam(sts.endpoint()), CALLER, AccountSessions.DEFAULT_ROLE_NAME).open("222222222222"));

            assertTrue(root.getMessage().contains("sts:AssumeRoot was denied (AccessDenied)"), root.getMessage());
            assertTrue(role.getMessage().contains("sts:AssumeRole was denied (AccessDenied)"), role.getMessage());
            assertEquals(null, signedWith.get());
        }
    }

    /**
     * Organizations API Reference, API_ListAccounts.html ("Sample Response": State and Status, Paths,
     * JoinedTimestamp in epoch seconds) and API_Account.html (State: PENDING_ACTIVATION, ACTIVE, SUSPENDED,
     * PENDING_CLOSURE, CLOSED; Status, to be retired, has no CLOSED). Paged with NextToken, one page empty (the
     * reference says NextToken can come with an empty page). State decides, whatever Status says; an answer
     * with Status only still reads.
     */
    @Test
    void listAccountsReadsStateAcrossPagesWhateverStatusSays() throws Exception {
        String page1 = """
                {"Accounts": [
                  %s,
                  %s
                ], "NextToken": "token-1"}
                """.formatted(account("111111111111", "Management account", "\"State\": \"ACTIVE\", \"Status\": \"ACTIVE\""),
                account("222222222222", "Suspended", "\"State\": \"SUSPENDED\", \"Status\": \"SUSPENDED\""));
        String page2 = "{\"Accounts\": [], \"NextToken\": \"token-2\"}";
        String page3 = """
                {"Accounts": [%s, %s, %s, %s]}
                """.formatted(account("333333333333", "Closing", "\"State\": \"PENDING_CLOSURE\", \"Status\": \"ACTIVE\""),
                account("444444444444", "Closed", "\"State\": \"CLOSED\", \"Status\": \"SUSPENDED\""),
                account("555555555555", "Older answer", "\"Status\": \"ACTIVE\""),
                account("666666666666", "Newer answer", "\"State\": \"ACTIVE\""));
        try (FakeAws organizations = new FakeAws(r -> FakeAws.Response.json(
                r.body().contains("token-2") ? page3 : r.body().contains("token-1") ? page2 : page1))) {
            List<MemberAccount> accounts = new AwsOrganization(TestClients.organizations(organizations.endpoint()),
                    TestClients.sts(organizations.endpoint())).accounts();

            assertEquals(List.of(
                    new MemberAccount("111111111111", "Management account", "ACTIVE"),
                    new MemberAccount("222222222222", "Suspended", "SUSPENDED"),
                    new MemberAccount("333333333333", "Closing", "PENDING_CLOSURE"),
                    new MemberAccount("444444444444", "Closed", "CLOSED"),
                    new MemberAccount("555555555555", "Older answer", "ACTIVE"),
                    new MemberAccount("666666666666", "Newer answer", "ACTIVE")), accounts);
            assertFalse(accounts.get(2).active(), "PENDING_CLOSURE is not active though its Status says ACTIVE");
            assertEquals(List.of("ListAccounts", "ListAccounts", "ListAccounts"),
                    organizations.requests.stream().map(FakeAws.Request::operation).toList());
        }
    }

    private static String account(String id, String name, String stateAndStatus) {
        return """
                {"Arn": "arn:aws:organizations::111111111111:account/o-exampleorgid/%s", "JoinedMethod": "INVITED",
                 "JoinedTimestamp": 1481830215.45, "Id": "%s", "Name": "%s", "Email": "someone@example.com", %s,
                 "Paths": ["o-exampleorgid/r-examplerootid111/%s/"]}""".formatted(id, id, name, stateAndStatus, id);
    }
}
