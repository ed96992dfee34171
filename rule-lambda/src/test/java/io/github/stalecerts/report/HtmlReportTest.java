package io.github.stalecerts.report;

import static io.github.stalecerts.testing.ReportRuns.HOSTILE;
import static io.github.stalecerts.testing.ReportRuns.QUOTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.testing.ReportRuns;
import java.util.List;
import java.util.Map;
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
        assertTrue(PAGE.contains("<em>Remediate</em>"));
    }

    @Test
    void singleAccountHasNoAccountTableAndSaysEverythingWasRead() {
        var e = ReportRuns.evaluator();
        String page = HtmlReport.render(new AuditRun(e, false, List.of(ReportedAccount.of(new AuditResult(
                List.of(e.evaluate(Principal.rootAccount("123456789012"), List.of())), List.of(), Set.of(), List.of())))));
        assertFalse(page.contains("id=\"accounts\""));
        assertTrue(page.contains("Every principal was read."));
        assertTrue(page.contains("<tr><td colspan=\"5\">None.</td></tr>"));
        assertEquals("123456789012", ReportedAccount.of(new AuditResult(
                List.of(e.evaluate(Principal.rootAccount("123456789012"), List.of())), List.of(), Set.of(), List.of())).accountId());
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
        assertEquals("alice+ops@example.com", HtmlReport.shellQuote("alice+ops@example.com"));
        assertEquals("'it'\\''s'", HtmlReport.shellQuote("it's"));
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
