package io.github.stalecerts.cli;

import com.google.gson.GsonBuilder;
import io.github.stalecerts.rule.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** How the audit command prints verdicts. Every format carries the same five fields. */
enum OutputFormat {
    TABLE, JSON, CSV;

    private static final List<String> FIELDS = List.of("resourceType", "resourceId", "resourceName", "compliance", "annotation");

    String render(List<Verdict> verdicts) {
        List<List<String>> rows = verdicts.stream().map(OutputFormat::fields).toList();
        return switch (this) {
            case JSON -> json(rows);
            case CSV -> csv(rows);
            case TABLE -> table(rows);
        };
    }

    private static List<String> fields(Verdict v) {
        return List.of(v.principal().resourceType(), v.principal().resourceId(), v.principal().name(),
                v.compliance().name(), v.annotation());
    }

    private static String json(List<List<String>> rows) {
        List<Map<String, String>> objects = rows.stream().map(row -> {
            Map<String, String> object = new LinkedHashMap<>();
            for (int i = 0; i < FIELDS.size(); i++) {
                object.put(FIELDS.get(i), row.get(i));
            }
            return object;
        }).toList();
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(objects) + "\n";
    }

    private static String csv(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(FIELDS.toArray(String[]::new)).build())) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String table(List<List<String>> rows) {
        List<String> header = List.of("TYPE", "RESOURCE ID", "NAME", "COMPLIANCE", "ANNOTATION");
        int[] widths = new int[4];
        for (List<String> row : concat(header, rows)) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : concat(header, rows)) {
            for (int i = 0; i < widths.length; i++) {
                out.append(String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.append(row.get(4)).append('\n');
        }
        return out.toString();
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new java.util.ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
