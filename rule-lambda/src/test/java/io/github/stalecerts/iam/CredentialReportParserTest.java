package io.github.stalecerts.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.rule.SigningCertificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialReportParserTest {

    static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
            + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
            + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
            + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
            + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    static final String ROOT = "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,"
            + "2026-01-02T03:04:05+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
            + "true,2025-03-04T05:06:07+00:00,false,N/A";

    /** A user row; the name and arn are inserted verbatim (quote them yourself). */
    static String user(String name, String arn, String c1Active, String c1Rotated, String c2Active, String c2Rotated) {
        return name + "," + arn + ",2021-05-06T07:08:09+00:00,false,N/A,N/A,N/A,false,true,2024-01-01T00:00:00+00:00,"
                + "2026-11-01T00:00:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,"
                + c1Active + "," + c1Rotated + "," + c2Active + "," + c2Rotated;
    }

    static String report(String... rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    @Test
    void parsesRootAndUsers() {
        CredentialReport report = CredentialReportParser.parse(report(
                ROOT,
                user("alice", "arn:aws:iam::123456789012:user/alice", "true", "2026-01-01T10:00:00+00:00", "false", "N/A"),
                user("bob", "arn:aws:iam::123456789012:user/team/bob", "false", "N/A", "false", "N/A")));

        assertEquals(0, report.unparsedRows());
        assertEquals(2, report.usersByArn().size());
        CredentialReport.Row root = report.root().orElseThrow();
        assertEquals("<root_account>", root.user());
        assertEquals("123456789012", root.accountId());
        assertTrue(root.hasActiveCertificate());
        assertEquals(List.of(new SigningCertificate("cert_1", true, Instant.parse("2025-03-04T05:06:07Z"), Optional.empty())),
                root.activeCertificates());

        CredentialReport.Row alice = report.usersByArn().get("arn:aws:iam::123456789012:user/alice");
        assertEquals("alice", alice.user());
        assertEquals(new CredentialReport.Slot("cert_1", true, Optional.of(Instant.parse("2026-01-01T10:00:00Z"))),
                alice.cert1());
        assertEquals(new CredentialReport.Slot("cert_2", false, Optional.empty()), alice.cert2());
        CredentialReport.Row bob = report.usersByArn().get("arn:aws:iam::123456789012:user/team/bob");
        assertFalse(bob.hasActiveCertificate());
        assertEquals(List.of(), bob.activeCertificates());
    }

    /** IAM's current format (IAM User Guide, "Getting credential reports"): a 23rd column after cert_2_last_rotated. */
    static final String HEADER_23 = HEADER + ",additional_credentials_info";

    @ParameterizedTest
    @ValueSource(strings = {"", "N/A"})
    void anEmptyAdditionalCredentialsInfoLeavesSlotsOneAndTwoTheWholeTruth(String value) {
        CredentialReport report = CredentialReportParser.parse(HEADER_23 + "\n" + ROOT + "," + value + "\n"
                + user("bob", "arn:aws:iam::123456789012:user/bob", "false", "N/A", "false", "N/A") + "," + value + "\n");

        assertEquals(0, report.unparsedRows());
        CredentialReport.Row bob = report.usersByArn().get("arn:aws:iam::123456789012:user/bob");
        assertTrue(bob.provesNoActiveCertificate());
        assertFalse(report.root().orElseThrow().mayHaveMoreCertificates());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"1 additional certificate; use ListSigningCertificates to list them\"",
            // Only access keys named: the doc gives no format that tells keys from certificates, so it still counts.
            "\"1 additional access key, ListAccessKeys\"",
            "2"})
    void aFilledAdditionalCredentialsInfoMeansSlotsOneAndTwoAreNoProof(String value) {
        CredentialReport report = CredentialReportParser.parse(HEADER_23 + "\n" + ROOT + "," + value + "\n"
                + user("bob", "arn:aws:iam::123456789012:user/bob", "false", "N/A", "false", "N/A") + "," + value + "\n");

        assertEquals(0, report.unparsedRows());
        CredentialReport.Row bob = report.usersByArn().get("arn:aws:iam::123456789012:user/bob");
        assertFalse(bob.hasActiveCertificate());
        assertFalse(bob.provesNoActiveCertificate());
        assertTrue(bob.mayHaveMoreCertificates());
        assertTrue(report.root().orElseThrow().mayHaveMoreCertificates());
    }

    @Test
    void columnsAreFoundByNameNotPosition() {
        String header = "cert_2_last_rotated,cert_2_active,additional_credentials_info,arn,cert_1_last_rotated,user,cert_1_active";
        CredentialReport report = CredentialReportParser.parse(header + "\n"
                + "N/A,false,N/A,arn:aws:iam::123456789012:user/alice,2026-01-01T10:00:00+00:00,alice,true\n"
                + "N/A,false,3,arn:aws:iam::123456789012:user/bob,N/A,bob,false\n");

        CredentialReport.Row alice = report.usersByArn().get("arn:aws:iam::123456789012:user/alice");
        assertEquals(new CredentialReport.Slot("cert_1", true, Optional.of(Instant.parse("2026-01-01T10:00:00Z"))), alice.cert1());
        assertFalse(alice.mayHaveMoreCertificates());
        assertEquals(Optional.of("3"), report.usersByArn().get("arn:aws:iam::123456789012:user/bob").additionalCredentialsInfo());
    }

    @Test
    void aTwentyTwoColumnReportHasNoAdditionalCredentials() {
        CredentialReport report = CredentialReportParser.parse(report(ROOT,
                user("bob", "arn:aws:iam::123456789012:user/bob", "false", "N/A", "false", "N/A")));

        assertTrue(report.usersByArn().get("arn:aws:iam::123456789012:user/bob").provesNoActiveCertificate());
    }

    @Test
    void aTwentyThreeColumnRowMissingItsLastValueDoesNotParse() {
        CredentialReport report = CredentialReportParser.parse(HEADER_23 + "\n"
                + user("bob", "arn:aws:iam::123456789012:user/bob", "false", "N/A", "false", "N/A") + "\n");

        assertEquals(1, report.unparsedRows(), "a short row is not read as 'no additional credentials'");
        assertTrue(report.usersByArn().isEmpty());
    }

    @Test
    void reportWithoutRootRowHasEmptyRoot() {
        CredentialReport report = CredentialReportParser.parse(report(
                user("alice", "arn:aws:iam::123456789012:user/alice", "false", "N/A", "false", "N/A")));
        assertEquals(Optional.empty(), report.root());
        assertEquals(1, report.usersByArn().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "x=y", "p+q", "me@example.com", "we,=+@all", "quote\"d"})
    void quotedNamesWithSpecialCharactersParse(String name) {
        String arn = "arn:aws:iam::123456789012:user/" + name;
        String quotedName = "\"" + name.replace("\"", "\"\"") + "\"";
        String quotedArn = "\"" + arn.replace("\"", "\"\"") + "\"";
        CredentialReport report = CredentialReportParser.parse(report(ROOT,
                user(quotedName, quotedArn, "true", "2026-02-03T04:05:06+00:00", "true", "2026-02-04T04:05:06+00:00")));
        assertEquals(0, report.unparsedRows());
        CredentialReport.Row row = report.usersByArn().get(arn);
        assertEquals(name, row.user());
        assertEquals(2, row.activeCertificates().size());
    }

    @Test
    void unquotedCommaInNameIsCountedUnparsedNotClean() {
        CredentialReport report = CredentialReportParser.parse(report(ROOT,
                user("a,b", "arn:aws:iam::123456789012:user/a,b", "false", "N/A", "false", "N/A"),
                user("carol", "arn:aws:iam::123456789012:user/carol", "false", "N/A", "false", "N/A")));
        assertEquals(1, report.unparsedRows());
        assertEquals(1, report.usersByArn().size());
        assertTrue(report.usersByArn().containsKey("arn:aws:iam::123456789012:user/carol"));
        assertTrue(report.usersByArn().keySet().stream().noneMatch(arn -> arn.contains("a")
                && !arn.endsWith("carol")));
    }

    static Stream<Arguments> badRows() {
        String arn = "arn:aws:iam::123456789012:user/u";
        return Stream.of(
                Arguments.of("bad boolean", user("u", arn, "yes", "N/A", "false", "N/A")),
                Arguments.of("uppercase boolean", user("u", arn, "TRUE", "2026-01-01T00:00:00+00:00", "false", "N/A")),
                Arguments.of("empty boolean", user("u", arn, "", "N/A", "false", "N/A")),
                Arguments.of("bad date", user("u", arn, "true", "yesterday", "false", "N/A")),
                Arguments.of("date without offset", user("u", arn, "true", "2026-01-01T00:00:00", "false", "N/A")),
                Arguments.of("empty date", user("u", arn, "true", "", "false", "N/A")),
                Arguments.of("bad cert_2", user("u", arn, "false", "N/A", "maybe", "N/A")),
                Arguments.of("extra column", user("u", arn, "false", "N/A", "false", "N/A") + ",extra"),
                Arguments.of("short row", "u," + arn + ",2021-05-06T07:08:09+00:00"),
                Arguments.of("empty user", user("", arn, "false", "N/A", "false", "N/A")),
                Arguments.of("arn not an arn", user("u", "not-an-arn", "false", "N/A", "false", "N/A")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRows")
    void badRowIsCountedUnparsed(String name, String badRow) {
        CredentialReport report = CredentialReportParser.parse(report(ROOT, badRow,
                user("ok", "arn:aws:iam::123456789012:user/ok", "false", "N/A", "false", "N/A")));
        assertEquals(1, report.unparsedRows());
        assertFalse(report.usersByArn().containsKey("arn:aws:iam::123456789012:user/u"));
        assertTrue(report.usersByArn().containsKey("arn:aws:iam::123456789012:user/ok"));
        assertTrue(report.root().isPresent());
    }

    @Test
    void activeSlotWithNaDateParsesButActiveCertificatesThrows() {
        CredentialReport report = CredentialReportParser.parse(report(
                user("dave", "arn:aws:iam::123456789012:user/dave", "false", "N/A", "true", "N/A")));
        CredentialReport.Row dave = report.usersByArn().get("arn:aws:iam::123456789012:user/dave");
        assertTrue(dave.hasActiveCertificate());
        CredentialReportException e = assertThrows(CredentialReportException.class, dave::activeCertificates);
        assertTrue(e.getMessage().contains("dave"), e.getMessage());
        assertTrue(e.getMessage().contains("cert_2_last_rotated"), e.getMessage());
    }

    @Test
    void missingCertColumnsRejectTheWholeReport() {
        String header = HEADER.replace(",cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated", "");
        CredentialReportException e = assertThrows(CredentialReportException.class,
                () -> CredentialReportParser.parse(header + "\n<root_account>,arn:aws:iam::123456789012:root\n"));
        for (String column : List.of("cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated")) {
            assertTrue(e.getMessage().contains(column), e.getMessage());
        }
        assertFalse(e.getMessage().contains("user,"), e.getMessage());
    }

    @Test
    void oneMissingColumnIsNamed() {
        String header = HEADER.replace(",cert_2_last_rotated", "");
        CredentialReportException e = assertThrows(CredentialReportException.class,
                () -> CredentialReportParser.parse(header + "\n"));
        assertTrue(e.getMessage().endsWith("cert_2_last_rotated"), e.getMessage());
    }

    @Test
    void duplicateArnsTrustNeither() {
        String arn = "arn:aws:iam::123456789012:user/twin";
        CredentialReport report = CredentialReportParser.parse(report(ROOT,
                user("twin", arn, "false", "N/A", "false", "N/A"),
                user("twin", arn, "true", "2020-01-01T00:00:00+00:00", "false", "N/A")));
        assertFalse(report.usersByArn().containsKey(arn));
        assertEquals(2, report.unparsedRows());
    }

    @Test
    void triplicateArnsTrustNone() {
        String arn = "arn:aws:iam::123456789012:user/triplet";
        CredentialReport report = CredentialReportParser.parse(report(ROOT,
                user("triplet", arn, "false", "N/A", "false", "N/A"),
                user("triplet", arn, "false", "N/A", "false", "N/A"),
                user("triplet", arn, "false", "N/A", "false", "N/A")));
        assertFalse(report.usersByArn().containsKey(arn), "a third row must not be trusted after a duplicate");
        assertEquals(3, report.unparsedRows());
    }

    @Test
    void brokenQuoteIsRejectedOrUnparsedNeverClean() {
        String arn = "arn:aws:iam::123456789012:user/q";
        String csv = report(ROOT, user("\"q", arn, "false", "N/A", "false", "N/A"),
                user("ok", "arn:aws:iam::123456789012:user/ok", "false", "N/A", "false", "N/A"));
        try {
            CredentialReport report = CredentialReportParser.parse(csv);
            assertFalse(report.usersByArn().containsKey(arn));
            assertTrue(report.unparsedRows() >= 1, "unparsed " + report.unparsedRows());
        } catch (CredentialReportException e) {
            assertTrue(e.getMessage().startsWith("credential report"), e.getMessage());
        }
    }

    @Test
    void quoteInsideUnquotedFieldKeepsTheColumnsAligned() {
        // Commons CSV reads a lone quote inside an unquoted field literally; the columns stay aligned.
        String csv = report(ROOT, user("a\"b", "arn:aws:iam::123456789012:user/ab", "true", "N/A", "false", "N/A"));
        CredentialReport report = CredentialReportParser.parse(csv);
        CredentialReport.Row row = report.usersByArn().get("arn:aws:iam::123456789012:user/ab");
        assertEquals("a\"b", row.user());
        assertTrue(row.cert1().active());
        assertEquals(0, report.unparsedRows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\n"})
    void emptyInputIsRejected(String csv) {
        CredentialReportException e = assertThrows(CredentialReportException.class, () -> CredentialReportParser.parse(csv));
        assertEquals("credential report is empty", e.getMessage());
        assertThrows(CredentialReportException.class, () -> CredentialReportParser.parse(null));
    }

    @Test
    void headerOnlyHasNoRows() {
        CredentialReport report = CredentialReportParser.parse(HEADER + "\n");
        assertEquals(0, report.usersByArn().size());
        assertEquals(Optional.empty(), report.root());
        assertEquals(0, report.unparsedRows());
    }

    @Test
    void crlfLineEndingsParse() {
        String csv = HEADER + "\r\n" + ROOT + "\r\n"
                + user("alice", "arn:aws:iam::123456789012:user/alice", "false", "N/A", "true", "2026-01-01T00:00:00+00:00")
                + "\r\n";
        CredentialReport report = CredentialReportParser.parse(csv);
        assertEquals(0, report.unparsedRows());
        assertEquals("123456789012", report.root().orElseThrow().accountId());
        CredentialReport.Row alice = report.usersByArn().get("arn:aws:iam::123456789012:user/alice");
        assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:00Z")), alice.cert2().lastRotated());
    }

    @Test
    void extraBlankLinesDoNotHideOrInventUsers() {
        String csv = HEADER + "\n\n" + ROOT + "\n\n"
                + user("alice", "arn:aws:iam::123456789012:user/alice", "false", "N/A", "false", "N/A") + "\n\n\n";
        CredentialReport report = CredentialReportParser.parse(csv);
        assertTrue(report.root().isPresent());
        assertTrue(report.usersByArn().containsKey("arn:aws:iam::123456789012:user/alice"));
        assertEquals(0, report.unparsedRows(), "blank lines are not rows");
    }

    @Test
    void notSupportedDateIsNoDate() {
        CredentialReport report = CredentialReportParser.parse(report(
                user("e", "arn:aws:iam::123456789012:user/e", "false", "not_supported", "false", "N/A")));
        assertEquals(Optional.empty(), report.usersByArn().get("arn:aws:iam::123456789012:user/e").cert1().lastRotated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:iam::root", "arn:aws:iam::12345:root", "arn:aws:iam::abcdefghijkl:root", "arn"})
    void accountIdRejectsArnsWithoutAccount(String arn) {
        CredentialReport.Row row = new CredentialReport.Row("<root_account>", arn,
                new CredentialReport.Slot("cert_1", false, Optional.empty()),
                new CredentialReport.Slot("cert_2", false, Optional.empty()), Optional.empty());
        assertThrows(CredentialReportException.class, row::accountId);
    }

    @Test
    void accountIdOfOtherPartition() {
        CredentialReport.Row row = new CredentialReport.Row("<root_account>", "arn:aws-us-gov:iam::210987654321:root",
                new CredentialReport.Slot("cert_1", false, Optional.empty()),
                new CredentialReport.Slot("cert_2", false, Optional.empty()), Optional.empty());
        assertEquals("210987654321", row.accountId());
    }

    @Test
    void aRootRowThatDoesNotParseIsAProblemNotAMissingRow() {
        CredentialReport report = CredentialReportParser.parse(report(ROOT.replace(",true,2025-03-04", ",maybe,2025-03-04")));
        assertTrue(report.root().isEmpty());
        assertEquals(Optional.of("the credential report's <root_account> row does not parse"), report.rootProblem());

        CredentialReport missing = CredentialReportParser.parse(report(
                user("alice", "arn:aws:iam::123456789012:user/alice", "false", "N/A", "false", "N/A")));
        assertTrue(missing.root().isEmpty());
        assertTrue(missing.rootProblem().isEmpty(), "no row at all is moto's case: a warning, not a failure");
    }

    @Test
    void twoRootRowsAreTrustedNeither() {
        CredentialReport report = CredentialReportParser.parse(report(ROOT, ROOT.replace("true,2025-03-04", "false,2025-03-04")));
        assertTrue(report.root().isEmpty());
        assertEquals(Optional.of("the credential report has more than one <root_account> row"), report.rootProblem());
    }

    /** A broken quote in the header surfaces from Commons CSV as an IOException, not as a record error. */
    @ParameterizedTest
    @ValueSource(strings = {"\"", "user,arn,\"cert_1_active", "\"user\nalice"})
    void unclosedQuoteInTheHeaderIsACredentialReportException(String csv) {
        CredentialReportException e = assertThrows(CredentialReportException.class, () -> CredentialReportParser.parse(csv));
        assertTrue(e.getMessage().startsWith("credential report is not valid CSV"), e.getMessage());
    }

    /** A column named twice leaves it unclear which one holds the value: the report is rejected, naming the column. */
    @Test
    void aColumnNamedTwiceIsACredentialReportException() {
        String header = HEADER.replace("user,arn,", "user,arn,cert_1_active,");

        CredentialReportException e = assertThrows(CredentialReportException.class,
                () -> CredentialReportParser.parse(header + "\n" + ROOT.replace("<root_account>,", "<root_account>,false,") + "\n"));

        assertTrue(e.getMessage().startsWith("credential report is not valid CSV"), e.getMessage());
        assertTrue(e.getMessage().contains("cert_1_active"), e.getMessage());
    }
}
