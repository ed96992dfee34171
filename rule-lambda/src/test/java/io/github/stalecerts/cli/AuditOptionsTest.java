package io.github.stalecerts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.rule.RootCertificatePolicy;
import io.github.stalecerts.rule.RuleParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditOptionsTest {

    @Test
    void noArgumentsGiveDefaults() {
        AuditOptions options = AuditOptions.parse(List.of());
        assertEquals(OutputFormat.TABLE, options.format());
        assertEquals(Optional.empty(), options.asOf());
        assertEquals(RuleParameters.DEFAULTS, options.parameters());
        Instant now = Instant.now();
        Clock clock = options.clock();
        assertTrue(Duration.between(now, clock.instant()).abs().getSeconds() < 60);
    }

    @Test
    void allArguments() {
        AuditOptions options = AuditOptions.parse(List.of("--format", "JSON", "--as-of", "2027-02-28",
                "--param", "maxCertificateAgeDays=30", "--param", "rootCertificatePolicy=forbid",
                "--param", "exemptTagKey=a=b"));
        assertEquals(OutputFormat.JSON, options.format());
        assertEquals(Optional.of(LocalDate.of(2027, 2, 28)), options.asOf());
        assertEquals(new RuleParameters(30, 30, RootCertificatePolicy.FORBID, Optional.of("a=b")), options.parameters());
    }

    @Test
    void organizationOptionsHaveDefaultsAndTakeRepeatedAccounts() {
        OrganizationOptions defaults = AuditOptions.parse(List.of("--organization")).organization().orElseThrow();
        assertEquals(new OrganizationOptions("OrganizationAccountAccessRole", Set.of(), 4, true, false), defaults);
        OrganizationOptions given = AuditOptions.parse(List.of("--organization", "--role-name", "CertificateAuditor",
                "--account", "111122223333", "--account", "444455556666", "--account", "111122223333",
                "--concurrency", "8", "--format", "json", "--root-session")).organization().orElseThrow();
        assertEquals(new OrganizationOptions("CertificateAuditor", Set.of("111122223333", "444455556666"), 8, false, true),
                given);
        assertEquals(Optional.empty(), AuditOptions.parse(List.of()).organization());
        // A leading + is read as every whole number is (rule parameters, CDK context).
        assertEquals(32, AuditOptions.parse(List.of("--organization", "--concurrency", "+32")).organization()
                .orElseThrow().concurrency());
    }

    @Test
    void asOfTakesTheWholeRangeItAllows() {
        assertEquals(Instant.parse("9999-12-31T00:00:00Z"), AuditOptions.parse(List.of("--as-of", "9999-12-31")).clock().instant());
        assertEquals(Instant.EPOCH, AuditOptions.parse(List.of("--as-of", "1970-01-01")).clock().instant());
    }

    @Test
    void asOfGivesFixedClockAtStartOfDayUtc() {
        Clock clock = AuditOptions.parse(List.of("--as-of", "2026-12-25")).clock();
        assertEquals(Instant.parse("2026-12-25T00:00:00Z"), clock.instant());
        assertEquals(clock.instant(), clock.instant());
    }

    @Test
    void formatsAreCaseInsensitive() {
        assertEquals(OutputFormat.CSV, AuditOptions.parse(List.of("--format", "csv")).format());
        assertEquals(OutputFormat.TABLE, AuditOptions.parse(List.of("--format", "Table")).format());
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--format", "xml"), "xml"),
                Arguments.of(List.of("--format"), "--format"),
                Arguments.of(List.of("--format", "json", "--format", "csv"), "--format"),
                Arguments.of(List.of("--as-of", "2026-13-01"), "2026-13-01"),
                Arguments.of(List.of("--as-of", "tomorrow"), "tomorrow"),
                Arguments.of(List.of("--as-of", "2026-02-30"), "2026-02-30"),
                Arguments.of(List.of("--as-of"), "--as-of"),
                Arguments.of(List.of("--as-of", "+999999999-12-31"), "--as-of"),
                Arguments.of(List.of("--as-of", "-999999999-01-01"), "--as-of"),
                Arguments.of(List.of("--as-of", "10000-01-01"), "--as-of"),
                Arguments.of(List.of("--as-of", "1969-12-31"), "--as-of"),
                Arguments.of(List.of("--organization", "--concurrency", "33"), "--concurrency"),
                Arguments.of(List.of("--organization", "--concurrency", "-1"), "--concurrency"),
                Arguments.of(List.of("--organization", "--concurrency", "\u0664"), "--concurrency"),
                Arguments.of(List.of("--organization", "--concurrency", "\uff14"), "--concurrency"),
                Arguments.of(List.of("--organization", "--account", "1234567890123"), "--account"),
                Arguments.of(List.of("--organization", "--role-name", "a/b"), "--role-name"),
                Arguments.of(List.of("--organization", "--role-name", "r".repeat(65)), "--role-name"),
                Arguments.of(List.of("--concurrency", "2"), "--concurrency"),
                Arguments.of(List.of("--root-session"), "--root-session"),
                Arguments.of(List.of("--param", "@/etc/passwd"), "@/etc/passwd"),
                Arguments.of(List.of("@/etc/passwd"), "@/etc/passwd"),
                Arguments.of(List.of("--verbose"), "--verbose"),
                Arguments.of(List.of("json"), "json"),
                Arguments.of(List.of("--param"), "--param"),
                Arguments.of(List.of("--param", "maxCertificateAgeDays"), "maxCertificateAgeDays"),
                Arguments.of(List.of("--param", "=5"), "=5"),
                Arguments.of(List.of("--param", "maxCertificateAgeDays=0"), "maxCertificateAgeDays"),
                Arguments.of(List.of("--param", "maxCertificateAgeDays=abc"), "maxCertificateAgeDays"),
                Arguments.of(List.of("--param", "nope=1"), "nope"),
                Arguments.of(List.of("--param", "expiryWarningDays=1", "--param", "expiryWarningDays=2"), "expiryWarningDays"),
                Arguments.of(List.of("--format", "json\u0000\u001b[31m"), "--format"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentIsAUsageErrorNamingIt(List<String> args, String named) {
        UsageException e = assertThrows(UsageException.class, () -> AuditOptions.parse(args));
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }
}
