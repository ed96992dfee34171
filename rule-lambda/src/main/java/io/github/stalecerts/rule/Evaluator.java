package io.github.stalecerts.rule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The rule itself: judges one principal's signing certificates against the parameters, as of the
 * clock's instant. Pure: no I/O, no AWS types, no clock of its own.
 *
 * <p>Boundaries: a certificate exactly {@code maxCertificateAgeDays} old is still fresh (stale means
 * "longer ago than"); a certificate whose {@code notAfter} is at or before now + {@code expiryWarningDays}
 * is stale, so with a warning of 0 days only an expired certificate is.
 */
public final class Evaluator {

    private final RuleParameters parameters;
    private final Clock clock;

    public Evaluator(RuleParameters parameters, Clock clock) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RuleParameters parameters() {
        return parameters;
    }

    public Verdict evaluate(Principal principal, List<SigningCertificate> certificates) {
        if (isExempt(principal)) {
            return new Verdict(principal, Compliance.NOT_APPLICABLE,
                    "exempt: tagged " + parameters.exemptTagKey().orElseThrow() + "=true");
        }
        List<SigningCertificate> active = certificates.stream()
                .filter(SigningCertificate::active)
                .sorted(Comparator.comparing(SigningCertificate::uploadDate))
                .toList();
        if (active.isEmpty()) {
            return new Verdict(principal, Compliance.COMPLIANT, "no active signing certificate");
        }
        if (principal.kind() == PrincipalKind.ROOT_ACCOUNT
                && parameters.rootCertificatePolicy() == RootCertificatePolicy.FORBID) {
            return new Verdict(principal, Compliance.NON_COMPLIANT, "root account has " + count(active.size())
                    + " (" + String.join(", ", active.stream().map(SigningCertificate::shortId).toList())
                    + "); rootCertificatePolicy=forbid allows none");
        }
        List<String> problems = new ArrayList<>();
        for (SigningCertificate certificate : active) {
            problems.addAll(problemsOf(certificate));
        }
        if (!problems.isEmpty()) {
            return new Verdict(principal, Compliance.NON_COMPLIANT, String.join("; ", problems));
        }
        return new Verdict(principal, Compliance.COMPLIANT, freshSummary(active));
    }

    /** Whether the certificate is stale: too old, expired, or expiring within the warning window. */
    public boolean isStale(SigningCertificate certificate) {
        return certificate.active() && !problemsOf(certificate).isEmpty();
    }

    private List<String> problemsOf(SigningCertificate certificate) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>(2);
        Duration age = Duration.between(certificate.uploadDate(), now);
        if (age.compareTo(Duration.ofDays(parameters.maxCertificateAgeDays())) > 0) {
            problems.add("certificate " + certificate.shortId() + " uploaded " + age.toDays()
                    + " days ago (limit " + parameters.maxCertificateAgeDays() + " days)");
        }
        certificate.notAfter().ifPresent(notAfter -> {
            if (!notAfter.isAfter(now.plus(Duration.ofDays(parameters.expiryWarningDays())))) {
                problems.add("certificate " + certificate.shortId() + (notAfter.isAfter(now)
                        ? " expires " + day(notAfter) + ", in " + Duration.between(now, notAfter).toDays()
                                + " days (warning at " + parameters.expiryWarningDays() + " days)"
                        : " expired " + day(notAfter)));
            }
        });
        return problems;
    }

    private String freshSummary(List<SigningCertificate> active) {
        Instant now = clock.instant();
        Instant oldest = active.get(0).uploadDate();
        // An evaluation time before the upload (the audit's --as-of an earlier day) has no age to tell.
        String summary = count(active.size()) + (oldest.isAfter(now)
                ? ", oldest uploaded " + day(oldest) + ", after the evaluation time"
                : ", oldest uploaded " + Duration.between(oldest, now).toDays() + " days ago")
                + " (limit " + parameters.maxCertificateAgeDays() + " days)";
        return active.stream()
                .flatMap(c -> c.notAfter().stream())
                .min(Comparator.naturalOrder())
                .map(expiry -> summary + ", next expiry " + day(expiry))
                .orElse(summary + ", expiry not visible");
    }

    /** Whether the principal carries the exemption tag with value {@code true} (case-insensitive). */
    public boolean isExempt(Principal principal) {
        return parameters.exemptTagKey()
                .map(key -> principal.tags().get(key))
                .map(value -> value.trim().equalsIgnoreCase("true"))
                .orElse(false);
    }

    private static String count(int n) {
        return n + " active signing certificate" + (n == 1 ? "" : "s");
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
