package io.github.stalecerts.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EvaluatorTest {

    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Principal ALICE = Principal.user("AIDAEXAMPLE000000001", "alice", Map.of());
    static final Principal ROOT = Principal.rootAccount("123456789012");

    static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    static Instant inDays(long days) {
        return NOW.plus(Duration.ofDays(days));
    }

    static SigningCertificate cert(String id, boolean active, Instant uploaded, Instant notAfter) {
        return new SigningCertificate(id, active, uploaded, Optional.ofNullable(notAfter));
    }

    static RuleParameters params(int maxAge, int warning) {
        return new RuleParameters(maxAge, warning, RootCertificatePolicy.ROTATE, Optional.empty());
    }

    static Stream<Arguments> singleCertificateCases() {
        return Stream.of(
                // name, maxAge, warning, uploadDate, notAfter, expected, annotation fragments
                Arguments.of("exactly max age is fresh", 90, 30, daysAgo(90), inDays(365), Compliance.COMPLIANT,
                        List.of("1 active signing certificate", "90 days ago", "limit 90 days")),
                Arguments.of("one second over max age is stale", 90, 30, daysAgo(90).minusSeconds(1), inDays(365),
                        Compliance.NON_COMPLIANT, List.of("uploaded 90 days ago", "limit 90 days")),
                Arguments.of("well over max age", 90, 30, daysAgo(400), inDays(365), Compliance.NON_COMPLIANT,
                        List.of("uploaded 400 days ago", "limit 90 days")),
                Arguments.of("max age 1, uploaded just now", 1, 0, NOW, inDays(365), Compliance.COMPLIANT,
                        List.of("0 days ago", "limit 1 days")),
                Arguments.of("notAfter exactly now + warning is stale", 90, 30, daysAgo(1), inDays(30),
                        Compliance.NON_COMPLIANT, List.of("expires 2026-07-15", "in 30 days", "warning at 30 days")),
                Arguments.of("notAfter one second after now + warning is fresh", 90, 30, daysAgo(1),
                        inDays(30).plusSeconds(1), Compliance.COMPLIANT, List.of("next expiry 2026-07-15")),
                Arguments.of("expires later today", 90, 30, daysAgo(1), NOW.plusSeconds(3600), Compliance.NON_COMPLIANT,
                        List.of("expires 2026-06-15", "in 0 days")),
                Arguments.of("already expired", 90, 30, daysAgo(1), daysAgo(3), Compliance.NON_COMPLIANT,
                        List.of("expired 2026-06-12")),
                Arguments.of("warning 0: expiring tomorrow is fresh", 90, 0, daysAgo(1), inDays(1), Compliance.COMPLIANT,
                        List.of("next expiry 2026-06-16")),
                Arguments.of("warning 0: expiring exactly now is stale", 90, 0, daysAgo(1), NOW, Compliance.NON_COMPLIANT,
                        List.of("expired 2026-06-15")),
                Arguments.of("warning 0: expired a second ago", 90, 0, daysAgo(1), NOW.minusSeconds(1),
                        Compliance.NON_COMPLIANT, List.of("expired 2026-06-15")),
                Arguments.of("both too old and expired", 90, 30, daysAgo(200), daysAgo(10), Compliance.NON_COMPLIANT,
                        List.of("uploaded 200 days ago", "expired 2026-06-05")),
                Arguments.of("no expiry visible, fresh", 90, 30, daysAgo(5), null, Compliance.COMPLIANT,
                        List.of("expiry not visible")),
                Arguments.of("no expiry visible, old", 90, 30, daysAgo(91), null, Compliance.NON_COMPLIANT,
                        List.of("uploaded 91 days ago")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleCertificateCases")
    void singleActiveCertificate(String name, int maxAge, int warning, Instant uploaded, Instant notAfter,
                                 Compliance expected, List<String> fragments) {
        Evaluator evaluator = new Evaluator(params(maxAge, warning), CLOCK);
        SigningCertificate certificate = cert("ABCDEFGHIJKLMNOPQRSTUVWXYZ123456", true, uploaded, notAfter);

        Verdict verdict = evaluator.evaluate(ALICE, List.of(certificate));

        assertEquals(expected, verdict.compliance(), verdict.annotation());
        assertEquals(expected == Compliance.NON_COMPLIANT, evaluator.isStale(certificate));
        for (String fragment : fragments) {
            assertTrue(verdict.annotation().contains(fragment),
                    "annotation '" + verdict.annotation() + "' lacks '" + fragment + "'");
        }
        if (expected == Compliance.NON_COMPLIANT) {
            assertTrue(verdict.annotation().contains("ABCDEFGH..."), verdict.annotation());
            assertFalse(verdict.annotation().contains("ABCDEFGHI"), "full id leaked: " + verdict.annotation());
        }
        assertTrue(verdict.annotation().length() <= Verdict.MAX_ANNOTATION_LENGTH);
        assertEquals(ALICE, verdict.principal());
    }

    @Test
    void noCertificatesIsCompliant() {
        Verdict verdict = new Evaluator(RuleParameters.DEFAULTS, CLOCK).evaluate(ALICE, List.of());
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertEquals("no active signing certificate", verdict.annotation());
    }

    @Test
    void inactiveStaleCertificateIsIgnored() {
        Evaluator evaluator = new Evaluator(RuleParameters.DEFAULTS, CLOCK);
        SigningCertificate inactive = cert("INACTIVEOLD", false, daysAgo(1000), daysAgo(500));
        Verdict verdict = evaluator.evaluate(ALICE, List.of(inactive));
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertEquals("no active signing certificate", verdict.annotation());
        assertFalse(evaluator.isStale(inactive));
    }

    @Test
    void inactiveStaleBesideFreshActiveIsCompliant() {
        Verdict verdict = new Evaluator(RuleParameters.DEFAULTS, CLOCK).evaluate(ALICE, List.of(
                cert("INACTIVEOLD", false, daysAgo(1000), daysAgo(500)),
                cert("FRESHONE", true, daysAgo(10), inDays(300))));
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().startsWith("1 active signing certificate"), verdict.annotation());
        assertFalse(verdict.annotation().contains("INACTIVE"), verdict.annotation());
    }

    @Test
    void oneFreshOneStaleNamesOnlyTheStaleOne() {
        Verdict verdict = new Evaluator(RuleParameters.DEFAULTS, CLOCK).evaluate(ALICE, List.of(
                cert("FRESHCERT0001", true, daysAgo(10), inDays(300)),
                cert("STALECERT0002", true, daysAgo(120), inDays(300))));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("STALECER..."), verdict.annotation());
        assertTrue(verdict.annotation().contains("120 days"), verdict.annotation());
        assertFalse(verdict.annotation().contains("FRESHCER"), verdict.annotation());
    }

    @Test
    void twoFreshCertificatesSummariseOldestAndNextExpiry() {
        Verdict verdict = new Evaluator(RuleParameters.DEFAULTS, CLOCK).evaluate(ALICE, List.of(
                cert("NEWER", true, daysAgo(5), inDays(200)),
                cert("OLDER", true, daysAgo(50), inDays(100))));
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertEquals("2 active signing certificates, oldest uploaded 50 days ago (limit 90 days), next expiry 2026-09-23",
                verdict.annotation());
    }

    @Test
    void twoStaleCertificatesBothNamedWithinLimit() {
        Verdict verdict = new Evaluator(RuleParameters.DEFAULTS, CLOCK).evaluate(ALICE, List.of(
                cert("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true, daysAgo(500), daysAgo(5)),
                cert("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", true, daysAgo(400), daysAgo(2))));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("AAAAAAAA..."), verdict.annotation());
        assertTrue(verdict.annotation().contains("BBBBBBBB..."), verdict.annotation());
        assertTrue(verdict.annotation().length() <= 256, verdict.annotation());
    }

    @Test
    void rootUnderRotateIsJudgedByAgeOnly() {
        Evaluator evaluator = new Evaluator(RuleParameters.DEFAULTS, CLOCK);
        Verdict fresh = evaluator.evaluate(ROOT, List.of(cert("cert_1", true, daysAgo(30), null)));
        assertEquals(Compliance.COMPLIANT, fresh.compliance());
        assertTrue(fresh.annotation().contains("expiry not visible"), fresh.annotation());
        assertEquals("AWS::::Account", fresh.principal().resourceType());

        Verdict stale = evaluator.evaluate(ROOT, List.of(
                cert("cert_1", true, daysAgo(30), null), cert("cert_2", true, daysAgo(91), null)));
        assertEquals(Compliance.NON_COMPLIANT, stale.compliance());
        assertTrue(stale.annotation().contains("cert_2 uploaded 91 days ago (limit 90 days)"), stale.annotation());
        assertFalse(stale.annotation().contains("cert_1"), stale.annotation());
    }

    @Test
    void rootUnderForbidIsNonCompliantWithAnyActiveCertificate() {
        RuleParameters forbid = new RuleParameters(90, 30, RootCertificatePolicy.FORBID, Optional.empty());
        Evaluator evaluator = new Evaluator(forbid, CLOCK);
        Verdict verdict = evaluator.evaluate(ROOT, List.of(cert("cert_1", true, daysAgo(1), null)));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("cert_1"), verdict.annotation());
        assertTrue(verdict.annotation().contains("forbid"), verdict.annotation());

        assertEquals(Compliance.COMPLIANT,
                evaluator.evaluate(ROOT, List.of(cert("cert_1", false, daysAgo(1), null))).compliance());
        assertEquals(Compliance.COMPLIANT, evaluator.evaluate(ROOT, List.of()).compliance());
        // forbid is about the root account only: a user with a fresh certificate stays compliant
        assertEquals(Compliance.COMPLIANT,
                evaluator.evaluate(ALICE, List.of(cert("X", true, daysAgo(1), inDays(365)))).compliance());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", " true ", "True"})
    void exemptTagValueTrueIsNotApplicable(String value) {
        RuleParameters exempt = new RuleParameters(90, 30, RootCertificatePolicy.ROTATE, Optional.of("cert-exempt"));
        Principal bob = Principal.user("AIDABOB", "bob", Map.of("cert-exempt", value));
        Verdict verdict = new Evaluator(exempt, CLOCK).evaluate(bob, List.of(cert("OLD", true, daysAgo(900), daysAgo(1))));
        assertEquals(Compliance.NOT_APPLICABLE, verdict.compliance());
        assertTrue(verdict.annotation().contains("exempt"), verdict.annotation());
        assertTrue(verdict.annotation().contains("cert-exempt"), verdict.annotation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "", "yes", "1", "truee"})
    void exemptTagOtherValueIsJudged(String value) {
        RuleParameters exempt = new RuleParameters(90, 30, RootCertificatePolicy.ROTATE, Optional.of("cert-exempt"));
        Principal bob = Principal.user("AIDABOB", "bob", Map.of("cert-exempt", value));
        Evaluator evaluator = new Evaluator(exempt, CLOCK);
        assertFalse(evaluator.isExempt(bob));
        assertEquals(Compliance.NON_COMPLIANT,
                evaluator.evaluate(bob, List.of(cert("OLD", true, daysAgo(900), null))).compliance());
    }

    @Test
    void exemptTagWithOtherKeyOrNoParameterIsJudged() {
        Principal bob = Principal.user("AIDABOB", "bob", Map.of("other-key", "true"));
        RuleParameters exempt = new RuleParameters(90, 30, RootCertificatePolicy.ROTATE, Optional.of("cert-exempt"));
        List<SigningCertificate> old = List.of(cert("OLD", true, daysAgo(900), null));
        assertEquals(Compliance.NON_COMPLIANT, new Evaluator(exempt, CLOCK).evaluate(bob, old).compliance());
        Principal tagged = Principal.user("AIDABOB", "bob", Map.of("cert-exempt", "true"));
        assertEquals(Compliance.NON_COMPLIANT,
                new Evaluator(RuleParameters.DEFAULTS, CLOCK).evaluate(tagged, old).compliance());
    }

    @Test
    void giantIdKeepsAnnotationWithinLimit() {
        String giant = "Z".repeat(10_000);
        Verdict verdict = new Evaluator(RuleParameters.DEFAULTS, CLOCK).evaluate(ALICE, List.of(
                cert(giant, true, daysAgo(3000), daysAgo(2000)), cert(giant + "2", true, daysAgo(3000), daysAgo(2000))));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().length() <= 256, "length " + verdict.annotation().length());
        assertTrue(verdict.annotation().contains("ZZZZZZZZ..."), verdict.annotation());
    }

    @Test
    void verdictFitsLongAndMultiLineAnnotations() {
        Verdict longOne = new Verdict(ALICE, Compliance.COMPLIANT, "x".repeat(1000));
        assertEquals(256, longOne.annotation().length());
        assertTrue(longOne.annotation().endsWith("..."));
        Verdict exact = new Verdict(ALICE, Compliance.COMPLIANT, "y".repeat(256));
        assertEquals("y".repeat(256), exact.annotation());
        Verdict multiLine = new Verdict(ALICE, Compliance.COMPLIANT, "  line one\nline\ttwo\r\n ");
        assertEquals("line one line two", multiLine.annotation());
        assertEquals("", new Verdict(ALICE, Compliance.COMPLIANT, null).annotation());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "cert_1, cert_1",
            "ABCDEFGHIJKL, ABCDEFGHIJKL",
            "ABCDEFGHIJKLM, ABCDEFGH...",
            "ASCACKCEVSQ6C2EXAMPLE, ASCACKCE..."})
    void shortId(String id, String expected) {
        assertEquals(expected, new SigningCertificate(id, true, NOW, Optional.empty()).shortId());
    }

    /** The audit's --as-of a day before the upload: there is no age to print, never "uploaded -20780 days ago". */
    @Test
    void evaluationTimeBeforeTheUploadSaysSoInsteadOfANegativeAge() {
        Verdict verdict = new Evaluator(RuleParameters.DEFAULTS, CLOCK).evaluate(ALICE, List.of(
                cert("LATER", true, inDays(20780), inDays(21000))));
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertEquals("1 active signing certificate, oldest uploaded 2083-05-07, after the evaluation time (limit 90 days), "
                + "next expiry 2083-12-13", verdict.annotation());
    }
}
