package io.github.stalecerts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import io.github.stalecerts.config.ConfigEventParser;
import io.github.stalecerts.config.InvalidEventException;
import io.github.stalecerts.iam.CertificateBodyException;
import io.github.stalecerts.iam.CredentialReport;
import io.github.stalecerts.iam.CredentialReportException;
import io.github.stalecerts.iam.CredentialReportParser;
import io.github.stalecerts.iam.X509Bodies;
import io.github.stalecerts.rule.InvalidRuleParameterException;
import io.github.stalecerts.testing.Certificates;
import io.github.stalecerts.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the three parsers of untrusted text (the Config event with its rule parameters, the
 * credential report CSV, a certificate's PEM body) with inputs made by editing valid samples and
 * with random ones. Only the documented exceptions may ever come out, each with a message.
 * Seeded and bounded: the same inputs every run, a few seconds in all.
 */
class ParserFuzzTest {

    private static final String SEED = "20261123";
    private static final int TRIES = 400;
    /** JSON, CSV and PEM syntax, digits of other scripts, controls and format characters. */
    private static final String NASTY = "{}[]\":,\\\n\r\t =+@-_.<>/0123456789aeEtfnul\u0669\uff19\u202e\u0000\u00a0\ud83d";

    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    private static final String PEM = Certificates.pem(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(300)));
    private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
            + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    private static final String REPORT = HEADER + "\n"
            + "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,"
            + "not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,true,2025-03-04T05:06:07+00:00,false,N/A\n"
            + "\"al,ice\",arn:aws:iam::123456789012:user/al+ice,2021-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,true,2026-01-01T10:00:00+00:00\n";
    /** IAM's current 23-column form (IAM User Guide, "Getting credential reports"), one row filling the last column. */
    private static final String REPORT_23 = HEADER + ",additional_credentials_info\n"
            + "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,"
            + "not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A,N/A\n"
            + "bob,arn:aws:iam::123456789012:user/bob,2021-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A,\"1 additional certificate\"\n";

    @Property(tries = TRIES, seed = SEED)
    void configEventsFailOnlyAsDocumented(@ForAll("invokingEvents") String invoking,
                                          @ForAll("ruleParameters") String parameters,
                                          @ForAll("tokens") String token) {
        ConfigEvent event = Events.event(invoking, token, parameters, invoking.length() % 3 == 0);
        try {
            assertNotNull(ConfigEventParser.parse(event).trigger());
        } catch (InvalidEventException | InvalidRuleParameterException documented) {
            hasMessage(documented);
        }
    }

    @Property(tries = TRIES, seed = SEED)
    void credentialReportsFailOnlyAsDocumented(@ForAll("reports") String csv) {
        try {
            CredentialReport report = CredentialReportParser.parse(csv);
            report.usersByArn().values().forEach(row -> row.provesNoActiveCertificate());
            report.root().ifPresent(CredentialReport.Row::activeCertificates);
        } catch (CredentialReportException documented) {
            hasMessage(documented);
        }
    }

    @Property(tries = TRIES, seed = SEED)
    void certificateBodiesFailOnlyAsDocumented(@ForAll("bodies") String pem) {
        try {
            assertNotNull(X509Bodies.notAfter("ASCACERTIFICATEID", pem));
        } catch (CertificateBodyException documented) {
            hasMessage(documented);
            assertFalse(documented.getMessage().contains(pem.strip()) && pem.strip().length() > 40,
                    "the message quotes the body");
        }
    }

    private static void hasMessage(RuntimeException e) {
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @Provide
    Arbitrary<String> invokingEvents() {
        return Arbitraries.oneOf(
                edited(List.of(
                        Events.scheduled(NOW, "t", "{}").getInvokingEvent(),
                        Events.userChanged("AIDAEXAMPLE", "alice", NOW, "OK", "t", false).getInvokingEvent(),
                        Events.userChanged("AIDAEXAMPLE", "bob", NOW, "ResourceDeleted", "t", false).getInvokingEvent()
                                .replace("AWS::IAM::User", "AWS::::Account"))),
                Arbitraries.strings().withChars(NASTY).ofMaxLength(60));
    }

    @Provide
    Arbitrary<String> ruleParameters() {
        return Arbitraries.oneOf(
                edited(List.of("{}", "{\"maxCertificateAgeDays\":\"90\",\"expiryWarningDays\":\"30\"}",
                        "{\"rootCertificatePolicy\":\"forbid\",\"exemptTagKey\":\"exempt\"}")),
                Arbitraries.strings().withChars(NASTY).ofMaxLength(40),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().withChars(NASTY).ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> reports() {
        return Arbitraries.oneOf(edited(List.of(REPORT, HEADER + "\n", REPORT.replace("\n", "\r\n"), REPORT_23)),
                Arbitraries.strings().withChars(NASTY).ofMaxLength(80));
    }

    @Provide
    Arbitrary<String> bodies() {
        // Edited PEM text, and PEM armour around random bytes (which reach the DER decoder).
        Arbitrary<String> randomDer = Arbitraries.bytes().array(byte[].class).ofMaxSize(600).map(bytes ->
                "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(bytes) + "\n-----END CERTIFICATE-----");
        Arbitrary<String> editedDer = Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(6).map(positions -> {
            byte[] der = Base64.getMimeDecoder().decode(PEM.replaceAll("-----[A-Z ]+-----", "").strip());
            positions.forEach(p -> der[p % der.length] ^= (byte) (p * 31 + 1));
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE-----";
        });
        return Arbitraries.oneOf(edited(List.of(PEM)), randomDer, editedDer, Arbitraries.strings().withChars(NASTY).ofMaxLength(60));
    }

    /** A sample with up to 6 edits: a short run of nasty characters inserted, or a span deleted, at chosen places. */
    private static Arbitrary<String> edited(List<String> samples) {
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 8),
                Arbitraries.strings().withChars(NASTY).ofMaxLength(4)).as(Edit::new);
        return Combinators.combine(Arbitraries.of(samples), edit.list().ofMaxSize(6)).as((sample, edits) -> {
            StringBuilder text = new StringBuilder(sample);
            for (Edit e : edits) {
                int at = text.length() == 0 ? 0 : e.position() % text.length();
                text.delete(at, Math.min(text.length(), at + e.delete())).insert(at, e.insert());
            }
            return text.toString();
        });
    }

    private record Edit(int position, int delete, String insert) {
    }
}
