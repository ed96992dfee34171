package io.github.stalecerts.report;

import static io.github.stalecerts.report.Escape.html;

import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The audit as one self-contained HTML page: totals, the principals that could not be read, the
 * accounts worst first, when certificates turn stale, their ages, and every non-compliant principal
 * with how to remediate it. No script, and a Content-Security-Policy that lets the page load
 * nothing but its own inline style (by hash); the charts are inline SVG. Holds no certificate body
 * and no credential: the verdicts carry neither.
 */
public final class HtmlReport {

    static final String STYLE = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1b1f24;max-width:1200px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
            .run{color:#57606a;margin:0 0 16px}.run code{background:#f3f4f6;padding:1px 4px;border-radius:3px}
            .totals{display:flex;gap:12px;flex-wrap:wrap}
            .total{border:1px solid #d0d7de;border-radius:6px;padding:10px 16px;min-width:130px}
            .total .n{font-size:26px;font-weight:600;display:block}
            .total.nc .n,.total.unread .n{color:#b42318}.total.c .n{color:#1a7f37}.total.na .n{color:#57606a}
            .failures{border:2px solid #b42318;background:#fef3f2;border-radius:6px;padding:4px 16px 12px;margin:16px 0}
            .failures h2{color:#b42318;margin-top:12px}
            .warnings{border:1px solid #d97706;background:#fffbeb;border-radius:6px;padding:0 16px;margin:16px 0}
            .allread{color:#1a7f37}
            table{border-collapse:collapse;width:100%;margin:4px 0}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de;vertical-align:top}
            th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            td.bad{color:#b42318;font-weight:600}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
            .chart{max-width:760px}.chart text{font-size:11px;fill:#1b1f24}.chart .axis{stroke:#57606a}
            .chart .grid{stroke:#eaeef2}.bar-now{fill:#b42318}.bar-soon{fill:#d97706}.bar-age{fill:#2563eb}.bar-old{fill:#b42318}
            .note{color:#57606a}
            """;

    private static final List<Compliance> ORDER =
            List.of(Compliance.NON_COMPLIANT, Compliance.COMPLIANT, Compliance.NOT_APPLICABLE);
    /** Age buckets in days (upper bounds, inclusive); the last is open-ended. */
    private static final int[] AGE_BOUNDS = {30, 60, 90, 180, 365, 730};

    private HtmlReport() {
    }

    public static String render(AuditRun run) {
        Evaluator evaluator = run.evaluator();
        Instant now = run.evaluatedAt();
        List<ReportedAccount> accounts = run.accounts();
        List<Verdict> verdicts = accounts.stream().flatMap(a -> a.verdicts().stream()).toList();
        StringBuilder out = new StringBuilder(64 * 1024 + verdicts.size() * 200);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '")
                .append(sha256(STYLE)).append("'; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Stale IAM signing certificates, ").append(day(now)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        header(out, run, now);
        failures(out, accounts, run.organization());
        warnings(out, accounts, run.organization());
        totals(out, accounts);
        // The charts before the per-account table, which runs to a thousand rows in a large organization.
        timeline(out, StaleTimeline.of(evaluator, now, verdicts), now);
        ages(out, verdicts, now, evaluator.parameters().maxCertificateAgeDays());
        if (run.organization()) {
            perAccount(out, accounts);
        }
        nonCompliant(out, run);
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void header(StringBuilder out, AuditRun run, Instant now) {
        out.append("<h1>Stale IAM signing certificates</h1>\n<p class=\"run\" id=\"run\">Evaluated at <time datetime=\"")
                .append(now).append("\">").append(now).append("</time> with");
        RemediationAdvice.parameters(run.evaluator().parameters()).forEach((name, value) ->
                out.append(" <code>").append(html(name + "=" + value)).append("</code>"));
        out.append(run.organization() ? ", over " + run.accounts().size() + " account(s)" : "")
                .append(". A dry run: nothing was reported to AWS Config.</p>\n");
    }

    private static void failures(StringBuilder out, List<ReportedAccount> accounts, boolean organization) {
        List<ReportedAccount> notAudited = accounts.stream().filter(a -> a.failure().isPresent()).toList();
        long unread = accounts.stream().mapToLong(a -> a.unreadable().size()).sum();
        if (notAudited.isEmpty() && unread == 0) {
            long rootsUnjudged = accounts.stream().filter(ReportedAccount::rootUnjudged).count();
            out.append("<p class=\"allread\" id=\"all-read\">").append(rootsUnjudged == 0
                    ? "Every principal was read."
                    : "Every principal found was read, but " + (organization ? rootsUnjudged + " account(s)' root account"
                            : "the root account") + " got no verdict: the credential report had no root row (see Warnings).")
                    .append("</p>\n");
            return;
        }
        out.append("<section class=\"failures\" id=\"failures\"><h2>The run failed: ").append(unread)
                .append(" principal(s) could not be read");
        if (!notAudited.isEmpty()) {
            out.append(", ").append(notAudited.size()).append(" account(s) could not be audited");
        }
        out.append("</h2>\n<p>They got no verdict: none of them is counted as compliant.</p>\n");
        for (ReportedAccount a : accounts) {
            a.result().flatMap(r -> r.permissionProblem()).ifPresent(problem -> out.append("<p class=\"permission\">")
                    .append(html(organization ? "account " + a.accountId() + ": " + problem : problem)).append("</p>\n"));
        }
        if (!notAudited.isEmpty()) {
            out.append("<table id=\"accounts-not-audited\"><thead><tr><th>Account</th><th>Name</th><th>Reason</th></tr></thead><tbody>\n");
            for (ReportedAccount a : notAudited) {
                out.append("<tr><td>").append(html(a.accountId())).append("</td><td>").append(html(a.accountName()))
                        .append("</td><td>").append(html(a.failure().orElseThrow())).append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        if (unread > 0) {
            out.append("<table id=\"unread\"><thead><tr><th>Account</th><th>Type</th><th>Name</th><th>Resource id</th>")
                    .append("<th>Reason</th></tr></thead><tbody>\n");
            for (ReportedAccount a : accounts) {
                for (Unreadable u : a.unreadable()) {
                    out.append("<tr><td>").append(html(a.accountId())).append("</td><td>")
                            .append(html(u.principal().resourceType())).append("</td><td class=\"name\">")
                            .append(html(u.principal().name())).append("</td><td>").append(html(u.principal().resourceId()))
                            .append("</td><td>").append(html(u.reason())).append("</td></tr>\n");
                }
            }
            out.append("</tbody></table>\n");
        }
        out.append("</section>\n");
    }

    /** What the operator should know that did not fail the run, as the audit prints it to stderr. */
    private static void warnings(StringBuilder out, List<ReportedAccount> accounts, boolean organization) {
        List<String> lines = accounts.stream()
                .flatMap(a -> a.result().stream().flatMap(r -> r.warnings().stream()
                        .map(w -> organization ? "account " + a.accountId() + ": " + w : w)))
                .toList();
        if (lines.isEmpty()) {
            return;
        }
        out.append("<section class=\"warnings\" id=\"warnings\"><h2>Warnings</h2><ul>\n");
        lines.forEach(w -> out.append("<li>").append(html(w)).append("</li>\n"));
        out.append("</ul></section>\n");
    }

    private static void totals(StringBuilder out, List<ReportedAccount> accounts) {
        out.append("<div class=\"totals\" id=\"totals\">\n");
        for (Compliance c : ORDER) {
            long n = accounts.stream().mapToLong(a -> a.count(c)).sum();
            String css = switch (c) {
                case NON_COMPLIANT -> "nc";
                case COMPLIANT -> "c";
                case NOT_APPLICABLE -> "na";
            };
            out.append("<div class=\"total ").append(css).append("\" data-compliance=\"").append(c.name())
                    .append("\"><span class=\"n\">").append(n).append("</span>").append(c.name()).append("</div>\n");
        }
        long unread = accounts.stream().mapToLong(a -> a.unreadable().size()).sum();
        out.append("<div class=\"total unread\" data-compliance=\"NOT_READ\"><span class=\"n\">").append(unread)
                .append("</span>not read</div>\n</div>\n");
    }

    /** Accounts worst first: not audited, then most unread, then most non-compliant. */
    static final Comparator<ReportedAccount> WORST_FIRST = Comparator
            .comparing((ReportedAccount a) -> a.failure().isEmpty())
            .thenComparing(a -> -a.unreadable().size())
            .thenComparing(a -> -a.count(Compliance.NON_COMPLIANT))
            .thenComparing(ReportedAccount::accountId);

    private static void perAccount(StringBuilder out, List<ReportedAccount> accounts) {
        out.append("<h2>Accounts, worst first</h2>\n<table id=\"accounts\"><thead><tr><th>Account</th><th>Name</th>")
                .append("<th class=\"num\">NON_COMPLIANT</th><th class=\"num\">COMPLIANT</th><th class=\"num\">NOT_APPLICABLE</th>")
                .append("<th class=\"num\">not read</th><th>Error</th></tr></thead><tbody>\n");
        for (ReportedAccount a : accounts.stream().sorted(WORST_FIRST).toList()) {
            long nc = a.count(Compliance.NON_COMPLIANT);
            out.append("<tr data-account=\"").append(html(a.accountId())).append("\"><td>").append(html(a.accountId()))
                    .append("</td><td>").append(html(a.accountName())).append("</td><td class=\"num").append(nc > 0 ? " bad" : "")
                    .append("\">").append(nc).append("</td><td class=\"num\">").append(a.count(Compliance.COMPLIANT))
                    .append("</td><td class=\"num\">").append(a.count(Compliance.NOT_APPLICABLE)).append("</td><td class=\"num")
                    .append(a.unreadable().isEmpty() ? "" : " bad").append("\">").append(a.unreadable().size())
                    .append("</td><td").append(a.failure().isPresent() ? " class=\"bad\">" : ">")
                    .append(html(a.failure().orElse(""))).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void timeline(StringBuilder out, StaleTimeline timeline, Instant now) {
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        labels.add("now");
        values.add(timeline.staleNow());
        classes.add("bar-now");
        for (int week = 0; week < StaleTimeline.WEEKS; week++) {
            labels.add(day(now.plus(Duration.ofDays(7L * week))).substring(5));
            values.add(timeline.perWeek().get(week));
            classes.add("bar-soon");
        }
        out.append("<h2>When active certificates turn stale</h2>\n<p class=\"note\">By the rule's own checks (age limit ")
                .append("or X.509 expiry warning), per week starting on the day shown. ").append(timeline.total())
                .append(" active certificate(s) of judged principals; ").append(timeline.later())
                .append(" turn stale after week ").append(StaleTimeline.WEEKS).append(".</p>\n");
        barChart(out, "timeline", "Active certificates turning stale, per week", labels, values, classes,
                "week starting (MM-DD, UTC)", "certificates",
                List.of(new String[] {"bar-now", "already stale"}, new String[] {"bar-soon", "turn stale that week"}));
    }

    private static void ages(StringBuilder out, List<Verdict> verdicts, Instant now, int maxAgeDays) {
        long[] counts = new long[AGE_BOUNDS.length + 1];
        long future = 0;
        for (ChartedCertificate charted : ChartedCertificate.of(verdicts)) {
            Instant uploaded = charted.certificate().uploadDate();
            if (uploaded.isAfter(now)) {
                future++;
                continue;
            }
            long days = Duration.between(uploaded, now).toDays();
            int bucket = 0;
            while (bucket < AGE_BOUNDS.length && days > AGE_BOUNDS[bucket]) {
                bucket++;
            }
            counts[bucket]++;
        }
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        int low = 0;
        for (int i = 0; i <= AGE_BOUNDS.length; i++) {
            labels.add(i < AGE_BOUNDS.length ? low + "-" + AGE_BOUNDS[i] : ">" + AGE_BOUNDS[AGE_BOUNDS.length - 1]);
            values.add(counts[i]);
            classes.add(i < AGE_BOUNDS.length && AGE_BOUNDS[i] <= maxAgeDays ? "bar-age" : "bar-old");
            low = i < AGE_BOUNDS.length ? AGE_BOUNDS[i] + 1 : low;
        }
        out.append("<h2>Age of active certificates</h2>\n<p class=\"note\">Days since upload at the evaluation time; ")
                .append("the age limit is ").append(maxAgeDays).append(" days")
                .append(future > 0 ? "; " + future + " uploaded after the evaluation time are not shown" : "")
                .append(".</p>\n");
        barChart(out, "ages", "Active certificates by age", labels, values, classes, "age in days", "certificates",
                List.of(new String[] {"bar-age", "bucket within the age limit"},
                        new String[] {"bar-old", "bucket reaching past the age limit"}));
    }

    private static void nonCompliant(StringBuilder out, AuditRun run) {
        out.append("<h2>Non-compliant principals</h2>\n<p class=\"note\">Each row says how to remediate the principal; ")
                .append("a command carries the rule parameters of this run that differ from the defaults, so it judges ")
                .append("as this run did.</p>\n")
                .append("<table id=\"non-compliant\"><thead><tr>").append(run.organization() ? "<th>Account</th>" : "")
                .append("<th>Type</th><th>Name</th><th>Annotation</th><th>Remediate</th></tr></thead><tbody>\n");
        int rows = 0;
        for (ReportedAccount a : run.accounts().stream()
                .sorted(Comparator.comparing(ReportedAccount::accountId)).toList()) {
            for (Verdict v : a.verdicts().stream().filter(v -> v.compliance() == Compliance.NON_COMPLIANT)
                    .sorted(Comparator.comparing((Verdict v) -> v.principal().kind()).thenComparing(v -> v.principal().name()))
                    .toList()) {
                rows++;
                out.append("<tr>");
                if (run.organization()) {
                    out.append("<td>").append(html(a.accountId())).append("</td>");
                }
                String advice = v.principal().kind() == PrincipalKind.ROOT_ACCOUNT
                        ? RemediationAdvice.forRoot(run, a)
                        : RemediationAdvice.forUser(run, v.principal().name());
                out.append("<td>").append(html(v.principal().resourceType())).append("</td><td class=\"name\">")
                        .append(html(v.principal().name())).append("</td><td>").append(html(v.annotation()))
                        .append("</td><td class=\"remediate\">").append(withCode(advice)).append("</td></tr>\n");
            }
        }
        if (rows == 0) {
            out.append("<tr><td colspan=\"").append(run.organization() ? 5 : 4).append("\">None.</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /** The advice escaped, its backticked commands as {@code <code>}. */
    static String withCode(String advice) {
        String[] parts = advice.split("`", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            out.append(i % 2 == 1 ? "<code>" + html(parts[i]) + "</code>" : html(parts[i]));
        }
        return out.toString();
    }

    /** A bar chart in inline SVG: axes, gridlines, tick labels, axis titles, a value over each bar, a legend. */
    static void barChart(StringBuilder out, String id, String title, List<String> labels, List<Long> values,
                         List<String> classes, String xTitle, String yTitle, List<String[]> legend) {
        int width = 760;
        int height = 300;
        int left = 56;
        int right = 16;
        int top = 40;
        int bottom = 56;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(0));
        long step = niceStep(max);
        long yMax = ((max + step - 1) / step) * step;
        double slot = (double) plotW / labels.size();
        out.append("<figure class=\"chart\" id=\"").append(id).append("\"><svg xmlns=\"http://www.w3.org/2000/svg\" ")
                .append("viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(html(title)).append("\"><title>").append(html(title)).append("</title>\n");
        for (long tick = 0; tick <= yMax; tick += step) {
            double y = top + plotH - (double) tick / yMax * plotH;
            out.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(left + plotW)
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>")
                    .append("<text x=\"").append(left - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(tick).append("</text>\n");
        }
        for (int i = 0; i < labels.size(); i++) {
            long v = values.get(i);
            double barH = (double) v / yMax * plotH;
            double x = left + i * slot + slot * 0.15;
            double y = top + plotH - barH;
            out.append("<rect class=\"").append(classes.get(i)).append("\" data-label=\"").append(html(labels.get(i)))
                    .append("\" data-value=\"").append(v).append("\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
                    .append("\" width=\"").append(fmt(slot * 0.7)).append("\" height=\"").append(fmt(barH))
                    .append("\"><title>").append(html(labels.get(i))).append(": ").append(v).append("</title></rect>")
                    .append("<text x=\"").append(fmt(x + slot * 0.35)).append("\" y=\"").append(fmt(y - 4))
                    .append("\" text-anchor=\"middle\">").append(v).append("</text>")
                    .append("<text x=\"").append(fmt(x + slot * 0.35)).append("\" y=\"").append(top + plotH + 16)
                    .append("\" text-anchor=\"middle\">").append(html(labels.get(i))).append("</text>\n");
        }
        out.append("<line class=\"axis\" x1=\"").append(left).append("\" x2=\"").append(left).append("\" y1=\"").append(top)
                .append("\" y2=\"").append(top + plotH).append("\"/><line class=\"axis\" x1=\"").append(left).append("\" x2=\"")
                .append(left + plotW).append("\" y1=\"").append(top + plotH).append("\" y2=\"").append(top + plotH).append("\"/>\n")
                .append("<text x=\"").append(left + plotW / 2).append("\" y=\"").append(height - 12)
                .append("\" text-anchor=\"middle\">").append(html(xTitle)).append("</text>")
                .append("<text transform=\"translate(14 ").append(top + plotH / 2).append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(html(yTitle)).append("</text>\n");
        int lx = left;
        for (String[] entry : legend) {
            out.append("<rect class=\"").append(entry[0]).append("\" x=\"").append(lx).append("\" y=\"12\" width=\"12\" height=\"12\"/>")
                    .append("<text class=\"legend\" x=\"").append(lx + 18).append("\" y=\"22\">").append(html(entry[1])).append("</text>\n");
            lx += 30 + entry[1].length() * 7;
        }
        out.append("</svg></figure>\n");
    }

    /** A tick step of 1, 2 or 5 times a power of ten giving at most eight gridlines. */
    static long niceStep(long max) {
        for (long magnitude = 1; ; magnitude *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (max / (m * magnitude) <= 8) {
                    return m * magnitude;
                }
            }
        }
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
