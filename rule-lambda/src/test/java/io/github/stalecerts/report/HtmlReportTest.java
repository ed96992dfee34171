package io.github.stalecerts.report;

import static io.github.stalecerts.testing.ReportRuns.HOSTILE;
import static io.github.stalecerts.testing.ReportRuns.QUOTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.ParameterDescription;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.RootCertificatePolicy;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.Verdict;
import io.github.stalecerts.testing.ReportRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's content as text; {@code HtmlReportBrowserIT} checks it as a browser renders it. */
class HtmlReportTest {

    static final String PAGE = HtmlReport.render(ReportRuns.smallOrganization());

    @Test
    void namesFromAwsAreEscapedEverywhere() {
        assertFalse(PAGE.contains(HOSTILE), "raw markup from a user name");
        assertTrue(PAGE.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(PAGE.contains(QUOTES));
        assertTrue(PAGE.contains("q&quot;uo&#39;te&amp;amp;+=,.@-"));
        assertTrue(PAGE.contains("prod &amp; &lt;core&gt;"));
        assertTrue(PAGE.contains("unread-&lt;user&gt;"));
    }

    @Test
    void loadsNothingAndRunsNothing() {
        assertFalse(PAGE.contains("<script"));
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(PAGE).find(), "a remote reference");
        Matcher csp = Pattern.compile("Content-Security-Policy\" content=\"default-src 'none'; style-src '(sha256-[^']+)'")
                .matcher(PAGE);
        assertTrue(csp.find(), "a strict CSP");
        assertEquals(1, PAGE.split("<style>", -1).length - 1, "one inline style, the hashed one");
    }

    @Test
    void totalsAndFailuresComeFirst() {
        assertTrue(PAGE.indexOf("id=\"failures\"") < PAGE.indexOf("id=\"totals\""));
        assertTrue(PAGE.indexOf("id=\"ages\"") < PAGE.indexOf("id=\"accounts\""), "the charts before the long table");
        assertTrue(PAGE.contains("The run failed: 1 principal(s) could not be read, 1 account(s) could not be audited"));
        assertTotal("NON_COMPLIANT", 2);
        assertTotal("COMPLIANT", 3);
        assertTotal("NOT_APPLICABLE", 1);
        assertTotal("NOT_READ", 1);
        assertTrue(PAGE.contains("AccessDenied on iam:ListSigningCertificates"));
        assertTrue(PAGE.contains("could not assume OrganizationAccountAccessRole: AccessDenied"));
    }

    @Test
    void warningsAreShownWithTheirAccount() {
        assertTrue(PAGE.contains("<li>account 222222222222: the credential report has no &lt;root_account&gt; row: "
                + "the root account got no verdict</li>"));
    }

    @Test
    void accountsWorstFirst() {
        Matcher rows = Pattern.compile("<tr data-account=\"(\\d{12})\">").matcher(PAGE);
        List<String> order = rows.results().map(r -> r.group(1)).toList();
        // not audited, then the one with an unread user, then by non-compliant count
        assertEquals(List.of("333333333333", "222222222222", "111111111111"), order);
    }

    @Test
    void timelineCountsByTheRulesChecks() {
        // stale now: the 200-day-old and the one expiring in 10 days; week 3: the 75-day-old (limit 90);
        // week 6: the one expiring in 65 days (warning 30). The exempt user's certificate is not counted.
        assertBar("timeline", "now", 2);
        assertBar("timeline", "06-29", 1);
        assertBar("timeline", "07-20", 1);
        assertBar("timeline", "06-15", 0);
        assertTrue(PAGE.contains("4 active certificate(s) of judged principals; 0 turn stale after week 12"));
    }

    @Test
    void ageDistribution() {
        assertBar("ages", "0-30", 2);
        assertBar("ages", "61-90", 1);
        assertBar("ages", "181-365", 1);
        assertBar("ages", ">730", 0);
    }

    @Test
    void nonCompliantWithHowToRemediate() {
        String table = PAGE.substring(PAGE.indexOf("id=\"non-compliant\""));
        assertTrue(table.contains("uploaded 200 days ago (limit 90 days)"));
        assertTrue(table.contains("remediate --user &#39;&lt;img src=x onerror=alert(1)&gt;&#39; --param "
                + "exemptTagKey=stale-certs-exempt"), table);
        assertTrue(table.contains("remediate --user expiring-soon"));
        assertFalse(table.contains("fresh-user"));
        assertTrue(table.contains("or in the account&#39;s AWS Config console: the stale-signing-certificates rule (or the "
                + "name you deployed it under), the user, Remediate."), table);
    }

    @Test
    void singleAccountHasNoAccountTableAndSaysEverythingWasRead() {
        var e = ReportRuns.evaluator();
        String page = HtmlReport.render(ReportRuns.singleAccount(e, new AuditResult(
                List.of(e.evaluate(Principal.rootAccount("123456789012"), List.of())), List.of(), Set.of(), List.of())));
        assertFalse(page.contains("id=\"accounts\""));
        assertTrue(page.contains("Every principal was read."));
        assertTrue(page.contains("<tr><td colspan=\"4\">None.</td></tr>"), "the row spans the four columns of a single-account table");
        assertEquals("123456789012", ReportedAccount.of(new AuditResult(
                List.of(e.evaluate(Principal.rootAccount("123456789012"), List.of())), List.of(), Set.of(), List.of())).accountId());
    }

    @Test
    void aRootWithoutVerdictIsNotCalledRead() {
        var e = ReportRuns.evaluator();
        String page = HtmlReport.render(ReportRuns.singleAccount(e, new AuditResult(
                List.of(e.evaluate(Principal.user("AIDAONE", "one", Map.of()), List.of())), List.of(), Set.of(),
                List.of("the credential report has no <root_account> row: the root account got no verdict"))));
        assertFalse(page.contains("Every principal was read."), page);
        assertTrue(page.contains("Every principal found was read, but the root account got no verdict"), page);
    }

    @Test
    void thePermissionDiagnosisIsInTheFailures() {
        var e = ReportRuns.evaluator();
        String problem = "every ListSigningCertificates call was denied: the role likely lacks iam:ListSigningCertificates";
        String page = HtmlReport.render(ReportRuns.singleAccount(e, new AuditResult(
                List.of(e.evaluate(Principal.rootAccount("123456789012"), List.of())),
                List.of(new Unreadable(Principal.user("AIDAONE", "one", Map.of()), "AccessDenied")),
                Set.of(), List.of(), Optional.of(problem))));
        String failures = page.substring(page.indexOf("id=\"failures\""), page.indexOf("</section>"));
        assertTrue(failures.contains(problem), failures);
    }

    @Test
    void rootAdviceFitsTheAccount() {
        var e = new Evaluator(new RuleParameters(90, 30, RootCertificatePolicy.FORBID, Optional.empty()),
                Clock.fixed(ReportRuns.NOW, ZoneOffset.UTC));
        AuditResult management = new AuditResult(List.of(e.evaluate(Principal.rootAccount("111111111111"),
                List.of(ReportRuns.cert("MGMTCERT0001", 1, 300)))), List.of(), Set.of(), List.of());
        AuditResult member = new AuditResult(List.of(e.evaluate(Principal.rootAccount("222222222222"),
                List.of(ReportRuns.cert("MEMBERCERT01", 1, 300)))), List.of(), Set.of(), List.of());
        String page = HtmlReport.render(AuditRun.ofOrganization(e, Optional.of("111111111111"), List.of(
                new ReportedAccount("111111111111", "management", Optional.of(management), Optional.empty()),
                new ReportedAccount("222222222222", "member", Optional.of(member), Optional.empty())), ReportRuns.PRODUCED));
        List<String> cells = Pattern.compile("<td class=\"remediate\">(.*?)</td>").matcher(page).results()
                .map(r -> r.group(1)).toList();
        assertEquals(2, cells.size(), page);
        assertTrue(cells.get(0).startsWith("Sign in as the root user and deactivate or delete the certificate"), cells.get(0));
        assertTrue(cells.get(1).contains("<code>java -jar rule-lambda.jar remediate --root --account 222222222222 "
                + "--param rootCertificatePolicy=forbid</code> from the management account or the IAM delegated "
                + "administrator"), cells.get(1));
        assertTrue(cells.get(1).contains("add <code>--delete</code> to delete them (a deletion cannot be undone)"));
        assertFalse(page.contains("Deactivate the stale certificate: "));

        String single = HtmlReport.render(ReportRuns.singleAccount(e, member));
        assertFalse(single.contains("remediate --root"), "a single-account audit's caller usually cannot reach the root");
        assertTrue(single.contains("Sign in as the root user"));
    }

    @Test
    void parametersAreSpelledTheSameInAnyLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            var e = new Evaluator(new RuleParameters(30, 0, RootCertificatePolicy.FORBID, Optional.of("x y")),
                    Clock.fixed(ReportRuns.NOW, ZoneOffset.UTC));
            AuditRun run = ReportRuns.singleAccount(e, new AuditResult(List.of(e.evaluate(
                    Principal.user("AIDAONE", "one", Map.of()), List.of(ReportRuns.cert("ONECERT00001", 40, 300)))),
                    List.of(), Set.of(), List.of()));
            String page = HtmlReport.render(run);
            String header = page.substring(page.indexOf("id=\"run\""), page.indexOf("</p>", page.indexOf("id=\"run\"")));
            for (ParameterDescription d : RuleParameters.DESCRIPTIONS) {
                assertTrue(header.contains("<code>" + d.name() + "="), d.name() + " in " + header);
            }
            assertTrue(header.contains("<code>rootCertificatePolicy=forbid</code>"), header);
            assertTrue(page.contains("remediate --user one --param maxCertificateAgeDays=30 --param expiryWarningDays=0 "
                    + "--param rootCertificatePolicy=forbid --param &#39;exemptTagKey=x y&#39;</code>"), page);
            assertFalse(OcsfFindings.render(run, "1").contains("forb\u0131d"));
        } finally {
            Locale.setDefault(before);
        }
    }

    /** The evaluation instant is read once: a clock that moves between reads changes nothing in the page. */
    @Test
    void theEvaluationInstantIsReadOnce() {
        Clock ticking = new Clock() {
            private Instant next = ReportRuns.NOW;

            @Override
            public synchronized Instant instant() {
                Instant now = next;
                next = next.plus(Duration.ofDays(8));
                return now;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        var e = new Evaluator(ReportRuns.PARAMETERS, ticking);
        // Stale by age 3 days after NOW: in the first week, not "now".
        Verdict verdict = ReportRuns.evaluator().evaluate(Principal.user("AIDAONE", "one", Map.of()),
                List.of(ReportRuns.cert("ONECERT00001", 87, 300)));
        AuditRun run = ReportRuns.singleAccount(e, new AuditResult(List.of(verdict), List.of(), Set.of(), List.of()));
        assertEquals(ReportRuns.NOW, run.evaluatedAt());
        String page = HtmlReport.render(run);
        assertTrue(page.contains("<time datetime=\"" + ReportRuns.NOW + "\">"));
        String timeline = page.substring(page.indexOf("id=\"timeline\""), page.indexOf("</figure>", page.indexOf("id=\"timeline\"")));
        assertTrue(timeline.contains("data-label=\"now\" data-value=\"0\""), timeline);
        assertTrue(timeline.contains("data-label=\"06-15\" data-value=\"1\""), timeline);
    }

    @Test
    void timelinesOfTheSameVerdictsAreEqual() {
        AuditRun run = ReportRuns.smallOrganization();
        List<Verdict> verdicts = run.accounts().stream().flatMap(a -> a.verdicts().stream()).toList();
        assertEquals(StaleTimeline.of(run.evaluator(), run.evaluatedAt(), verdicts),
                StaleTimeline.of(run.evaluator(), run.evaluatedAt(), verdicts));
    }

    @Test
    void niceTickSteps() {
        assertEquals(1, HtmlReport.niceStep(1));
        assertEquals(1, HtmlReport.niceStep(8));
        assertEquals(2, HtmlReport.niceStep(9));
        assertEquals(5, HtmlReport.niceStep(40));
        assertEquals(1000, HtmlReport.niceStep(5000));
    }

    @Test
    void shellQuoting() {
        assertEquals("alice+ops@example.com", RemediationAdvice.shellQuote("alice+ops@example.com"));
        assertEquals("'it'\\''s'", RemediationAdvice.shellQuote("it's"));
    }

    private static void assertTotal(String compliance, long n) {
        assertTrue(PAGE.contains("data-compliance=\"" + compliance + "\"><span class=\"n\">" + n + "</span>"),
                compliance + " total " + n);
    }

    private static void assertBar(String chart, String label, long value) {
        String section = PAGE.substring(PAGE.indexOf("<figure class=\"chart\" id=\"" + chart + "\""));
        section = section.substring(0, section.indexOf("</figure>"));
        assertTrue(section.contains("data-label=\"" + Escape.html(label) + "\" data-value=\"" + value + "\""),
                chart + " " + label + " = " + value);
    }
}
