package io.github.stalecerts.testing;

import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.report.AuditRun;
import io.github.stalecerts.report.ReportedAccount;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.RootCertificatePolicy;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.SigningCertificate;
import io.github.stalecerts.rule.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Audit runs for the report tests, judged by the real {@link Evaluator}: a small organization with
 * hostile names, an unread user and an account not audited, and a large one of N accounts x M users.
 */
public final class ReportRuns {

    public static final Instant NOW = Instant.parse("2026-06-15T00:00:00Z");
    /** When the reports are produced: a day after {@link #NOW}, so a test can tell the two apart. */
    public static final Instant PRODUCED = NOW.plus(Duration.ofDays(1));
    /** The organization's management account in {@link #smallOrganization()}. */
    public static final String MANAGEMENT = "111111111111";
    public static final String HOSTILE = "<img src=x onerror=alert(1)>";
    public static final String QUOTES = "q\"uo'te&amp;+=,.@-";
    public static final RuleParameters PARAMETERS =
            new RuleParameters(90, 30, RootCertificatePolicy.ROTATE, Optional.of("stale-certs-exempt"));

    private ReportRuns() {
    }

    public static Evaluator evaluator() {
        return new Evaluator(PARAMETERS, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * Three accounts. 111111111111: {@link #HOSTILE} (stale by age), {@link #QUOTES} (fresh, turns stale
     * in week 3 by age), an exempt user, a compliant root; 222222222222: a user expiring in 10 days
     * (stale), a user that could not be read, a fresh user (turns stale in week 6 by expiry), the account named {@link #QUOTES};
     * 333333333333: not audited. Totals: 2 NON_COMPLIANT, 3 COMPLIANT, 1 NOT_APPLICABLE, 1 not read.
     */
    public static AuditRun smallOrganization() {
        Evaluator e = evaluator();
        AuditResult first = new AuditResult(List.of(
                e.evaluate(Principal.user("AIDAHOSTILE", HOSTILE, Map.of()), List.of(cert("HOSTILECERT1", 200, 400))),
                e.evaluate(Principal.user("AIDAQUOTES", QUOTES, Map.of()), List.of(cert("QUOTESCERT01", 75, 400))),
                e.evaluate(Principal.user("AIDAEXEMPT", "exempt-user", Map.of("stale-certs-exempt", "true")),
                        List.of(cert("EXEMPTCERT01", 500, 400))),
                e.evaluate(Principal.rootAccount("111111111111"), List.of())),
                List.of(), Set.of(), List.of());
        AuditResult second = new AuditResult(List.of(
                e.evaluate(Principal.user("AIDAEXPIRING", "expiring-soon", Map.of()), List.of(cert("EXPIRINGCERT", 10, 10))),
                e.evaluate(Principal.user("AIDAFRESH", "fresh-user", Map.of()), List.of(cert("FRESHCERT001", 5, 65)))),
                List.of(new Unreadable(Principal.user("AIDAUNREAD", "unread-<user>", Map.of()),
                        "AccessDenied on iam:ListSigningCertificates")),
                Set.of(), List.of("the credential report has no <root_account> row: the root account got no verdict"));
        return AuditRun.ofOrganization(e, Optional.of(MANAGEMENT), List.of(
                new ReportedAccount("111111111111", "prod & <core>", Optional.of(first), Optional.empty()),
                new ReportedAccount("222222222222", QUOTES, Optional.of(second), Optional.empty()),
                new ReportedAccount("333333333333", "sandbox", Optional.empty(),
                        Optional.of("could not assume OrganizationAccountAccessRole: AccessDenied"))), PRODUCED);
    }

    /** {@code accounts} accounts of {@code users} users and a root each; ages spread so about one in five is stale. */
    public static AuditRun organization(int accounts, int users) {
        Evaluator e = evaluator();
        List<ReportedAccount> reported = new ArrayList<>(accounts);
        for (int a = 0; a < accounts; a++) {
            String id = String.format("%012d", 100000000000L + a);
            List<Verdict> verdicts = new ArrayList<>(users + 1);
            for (int u = 0; u < users; u++) {
                int n = a * users + u;
                verdicts.add(e.evaluate(Principal.user("AIDA" + id + u, "user-" + u + "@team+" + (a % 7), Map.of()),
                        List.of(cert(String.format("CERT%08d", n), (n * 37) % 140, 30 + (n * 53) % 400))));
            }
            verdicts.add(e.evaluate(Principal.rootAccount(id), List.of()));
            reported.add(new ReportedAccount(id, "account-" + a, Optional.of(new AuditResult(verdicts, List.of(), Set.of(), List.of())),
                    Optional.empty()));
        }
        return AuditRun.ofOrganization(e, Optional.of(String.format("%012d", 100000000000L)), reported, PRODUCED);
    }

    /** A single-account run of {@code result}, judged by {@code evaluator}. */
    public static AuditRun singleAccount(Evaluator evaluator, AuditResult result) {
        return AuditRun.ofAccount(evaluator, ReportedAccount.of(result), PRODUCED);
    }

    /** An active certificate uploaded {@code ageDays} before {@link #NOW}, expiring {@code expiresInDays} after it. */
    public static SigningCertificate cert(String id, long ageDays, long expiresInDays) {
        return new SigningCertificate(id, true, NOW.minus(Duration.ofDays(ageDays)),
                Optional.of(NOW.plus(Duration.ofDays(expiresInDays))));
    }
}
