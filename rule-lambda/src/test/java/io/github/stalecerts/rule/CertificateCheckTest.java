package io.github.stalecerts.rule;

import static io.github.stalecerts.rule.EvaluatorTest.ALICE;
import static io.github.stalecerts.rule.EvaluatorTest.ROOT;
import static io.github.stalecerts.rule.EvaluatorTest.cert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each named check, and that the instant a certificate turns stale is exactly where the verdict flips. */
class CertificateCheckTest {

    static final Instant UPLOADED = Instant.parse("2026-01-01T08:30:00Z");

    @Test
    void maximumAgeIsStaleOneNanosecondAfterTheLimit() {
        MaximumAgeCheck check = new MaximumAgeCheck(90);
        SigningCertificate c = cert("AGECERT", true, UPLOADED, null);
        Instant limit = Instant.parse("2026-04-01T08:30:00Z");
        assertEquals(Optional.of(limit.plusNanos(1)), check.staleFrom(c));
        assertEquals(Optional.empty(), check.problemAt(c, limit));
        assertEquals(Optional.of("certificate AGECERT uploaded 90 days ago (limit 90 days)"),
                check.problemAt(c, limit.plusNanos(1)));
    }

    @Test
    void expiryWarningIsStaleFromNotAfterLessTheWarning() {
        ExpiryWarningCheck check = new ExpiryWarningCheck(30);
        Instant notAfter = Instant.parse("2026-12-31T00:00:00Z");
        SigningCertificate c = cert("EXPCERT", true, UPLOADED, notAfter);
        Instant from = Instant.parse("2026-12-01T00:00:00Z");
        assertEquals(Optional.of(from), check.staleFrom(c));
        assertEquals(Optional.empty(), check.problemAt(c, from.minusNanos(1)));
        assertEquals(Optional.of("certificate EXPCERT expires 2026-12-31, in 30 days (warning at 30 days)"),
                check.problemAt(c, from));
        assertEquals(Optional.of("certificate EXPCERT expired 2026-12-31"), check.problemAt(c, notAfter));
    }

    @Test
    void expiryNotVisibleNeverFailsTheExpiryCheck() {
        assertEquals(Optional.empty(), new ExpiryWarningCheck(30).staleFrom(cert("ROOTSLOT", true, UPLOADED, null)));
    }

    /** The evaluator's staleFrom is the earliest check, and the verdict flips exactly there. */
    @ParameterizedTest(name = "max age {0}, warning {1}, notAfter {2}")
    @CsvSource({
            "90, 30, 2027-01-01T00:00:00Z",  // age first
            "365, 30, 2026-03-01T00:00:00Z", // expiry first
            "90, 0, 2026-04-01T08:30:00Z",   // expiry at the age limit: expiry first, by a nanosecond
            "90, 30, ''"})                   // no expiry visible: age only
    void verdictFlipsAtStaleFrom(int maxAge, int warning, String notAfter) {
        RuleParameters parameters = EvaluatorTest.params(maxAge, warning);
        SigningCertificate c = cert("FLIPCERT", true, UPLOADED, notAfter.isEmpty() ? null : Instant.parse(notAfter));
        Instant from = new Evaluator(parameters, Clock.systemUTC()).staleFrom(ALICE, c).orElseThrow();
        assertEquals(Compliance.COMPLIANT, at(parameters, from.minusNanos(1)).evaluate(ALICE, List.of(c)).compliance());
        assertEquals(Compliance.NON_COMPLIANT, at(parameters, from).evaluate(ALICE, List.of(c)).compliance());
    }

    @Test
    void neverStaleWhenInactiveOrExempt() {
        RuleParameters exempting = new RuleParameters(90, 30, RootCertificatePolicy.ROTATE, Optional.of("exempt"));
        Evaluator evaluator = new Evaluator(exempting, Clock.systemUTC());
        assertEquals(Optional.empty(), evaluator.staleFrom(ALICE, cert("OFF", false, UPLOADED, null)));
        assertEquals(Optional.empty(), evaluator.staleFrom(
                Principal.user("AIDAEXEMPT", "exempted", Map.of("exempt", "true")), cert("ON", true, UPLOADED, null)));
    }

    @Test
    void rootUnderForbidIsAlwaysStale() {
        RuleParameters forbid = new RuleParameters(90, 30, RootCertificatePolicy.FORBID, Optional.empty());
        assertEquals(Optional.of(Instant.MIN), new Evaluator(forbid, Clock.systemUTC())
                .staleFrom(ROOT, cert("cert_1", true, UPLOADED, null)));
    }

    @Test
    void theVerdictCarriesTheCertificatesItJudged() {
        List<SigningCertificate> certificates = List.of(cert("A1", true, UPLOADED, null), cert("B2", false, UPLOADED, null));
        Verdict verdict = at(RuleParameters.DEFAULTS, UPLOADED).evaluate(ALICE, certificates);
        assertEquals(certificates, verdict.certificates());
        assertTrue(new Verdict(ALICE, Compliance.COMPLIANT, "x").certificates().isEmpty());
    }

    private static Evaluator at(RuleParameters parameters, Instant now) {
        return new Evaluator(parameters, Clock.fixed(now, ZoneOffset.UTC));
    }
}
