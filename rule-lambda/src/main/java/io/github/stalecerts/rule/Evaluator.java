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
import java.util.Optional;

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
    private final List<CertificateCheck> checks;

    public Evaluator(RuleParameters parameters, Clock clock) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checks = List.of(new MaximumAgeCheck(parameters.maxCertificateAgeDays()),
                new ExpiryWarningCheck(parameters.expiryWarningDays()));
    }

    public RuleParameters parameters() {
        return parameters;
    }

    /** The instant the rule is judged at. */
    public Instant evaluationTime() {
        return clock.instant();
    }

    /** The verdict, carrying the certificates it judged (for reports: never their bodies, which they do not hold). */
    public Verdict evaluate(Principal principal, List<SigningCertificate> certificates) {
        Verdict verdict = judge(principal, certificates);
        return new Verdict(verdict.principal(), verdict.compliance(), verdict.annotation(), certificates);
    }

    private Verdict judge(Principal principal, List<SigningCertificate> certificates) {
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

    /**
     * The first instant from which this certificate of this principal is stale under the rule, by the
     * same checks as {@link #evaluate}; empty when it never is (inactive, or the principal is exempt).
     * For a root account under {@code rootCertificatePolicy=forbid}, every active certificate is
     * stale from {@link Instant#MIN}.
     */
    public Optional<Instant> staleFrom(Principal principal, SigningCertificate certificate) {
        if (!certificate.active() || isExempt(principal)) {
            return Optional.empty();
        }
        if (principal.kind() == PrincipalKind.ROOT_ACCOUNT
                && parameters.rootCertificatePolicy() == RootCertificatePolicy.FORBID) {
            return Optional.of(Instant.MIN);
        }
        return checks.stream()
                .flatMap(check -> check.staleFrom(certificate).stream())
                .min(Comparator.naturalOrder());
    }

    private List<String> problemsOf(SigningCertificate certificate) {
        Instant now = clock.instant();
        return checks.stream().flatMap(check -> check.problemAt(certificate, now).stream()).toList();
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
