package io.github.stalecerts.cli;

import com.google.gson.GsonBuilder;
import io.github.stalecerts.report.AuditRun;
import io.github.stalecerts.report.HtmlReport;
import io.github.stalecerts.report.OcsfFindings;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * How the audit command prints verdicts. Table, JSON and CSV carry the same five fields per
 * verdict; an organization audit adds the account id in front of them. HTML and OCSF render the
 * whole run ({@link #renderRun}): the unread principals and the accounts not audited are part of them.
 */
enum OutputFormat {
    TABLE, JSON, CSV, HTML, OCSF;

    /** One verdict of an organization audit, with the account it belongs to. */
    record AccountVerdict(String accountId, Verdict verdict) {
    }

    private static final List<String> FIELDS = List.of("resourceType", "resourceId", "resourceName", "compliance", "annotation");
    private static final List<String> HEADER = List.of("TYPE", "RESOURCE ID", "NAME", "COMPLIANCE", "ANNOTATION");
    /** What needs attention first. */
    private static final List<Compliance> COMPLIANCE_ORDER =
            List.of(Compliance.NON_COMPLIANT, Compliance.COMPLIANT, Compliance.NOT_APPLICABLE);
    /** Non-compliant first, then the root account before users, then by name. */
    static final Comparator<Verdict> PRINT_ORDER = Comparator
            .comparing((Verdict v) -> COMPLIANCE_ORDER.indexOf(v.compliance()))
            .thenComparing(v -> v.principal().kind())
            .thenComparing(v -> v.principal().name());
    /** By account, then as {@link #PRINT_ORDER}. */
    static final Comparator<AccountVerdict> ACCOUNT_ORDER = Comparator.comparing(AccountVerdict::accountId)
            .thenComparing(AccountVerdict::verdict, PRINT_ORDER);

    String render(List<Verdict> verdicts) {
        return render(FIELDS, HEADER, verdicts.stream().map(OutputFormat::fields).toList());
    }

    /** Verdicts of several accounts: {@code accountId} is the first field (JSON), column (CSV, table). */
    String renderByAccount(List<AccountVerdict> verdicts) {
        return render(concat("accountId", FIELDS), concat("ACCOUNT", HEADER), verdicts.stream()
                .map(v -> concat(v.accountId(), fields(v.verdict()))).toList());
    }

    private String render(List<String> fields, List<String> header, List<List<String>> rows) {
        return switch (this) {
            case JSON -> json(fields, rows);
            case CSV -> csv(fields, rows);
            case TABLE -> table(header, rows);
            case HTML, OCSF -> throw new IllegalStateException(this + " renders the whole run, not rows");
        };
    }

    /** Whether this format renders the whole run (with {@link #renderRun}) rather than verdict rows. */
    boolean rendersWholeRun() {
        return this == HTML || this == OCSF;
    }

    String renderRun(AuditRun run) {
        return switch (this) {
            case HTML -> HtmlReport.render(run);
            case OCSF -> OcsfFindings.render(run, Version.current());
            case TABLE, JSON, CSV -> throw new IllegalStateException(this + " renders verdict rows");
        };
    }

    private static List<String> fields(Verdict v) {
        return List.of(v.principal().resourceType(), v.principal().resourceId(), v.principal().name(),
                v.compliance().name(), v.annotation());
    }

    private static String json(List<String> fields, List<List<String>> rows) {
        List<Map<String, String>> objects = rows.stream().map(row -> {
            Map<String, String> object = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                object.put(fields.get(i), row.get(i));
            }
            return object;
        }).toList();
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(objects) + "\n";
    }

    private static String csv(List<String> fields, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(fields.toArray(String[]::new)).build())) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A plain-text table: every column padded to its widest cell but the last, which runs on. */
    static String table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size() - 1];
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                out.append(String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.append(row.get(widths.length)).append('\n');
        }
        return out.toString();
    }

    private static List<String> concat(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
