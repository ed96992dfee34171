package io.github.stalecerts.iam;

import io.github.stalecerts.rule.Principal;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Parses IAM's credential report (RFC 4180 CSV with a header row).
 *
 * <p>IAM user names may contain {@code , = + @}. A row whose column count does not match the
 * header (an unquoted comma in a name) or whose certificate columns hold unexpected values is
 * counted as unparsed; its user will then be listed directly, never assumed clean. A report
 * without the certificate columns is garbled as a whole and rejected.
 *
 * <p>Columns are found by header name. {@code additional_credentials_info} (after {@code cert_2_last_rotated}
 * in IAM's current format) is optional: reports without it (older ones, moto's) parse as well.
 */
public final class CredentialReportParser {

    private static final List<String> REQUIRED = List.of(
            "user", "arn", "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated");
    static final String ADDITIONAL_CREDENTIALS_INFO = "additional_credentials_info";

    private CredentialReportParser() {
    }

    public static CredentialReport parse(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new CredentialReportException("credential report is empty");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW) // which of two cert_1_active columns would count?
                .setIgnoreEmptyLines(true).build(); // a blank line is not a row
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            List<String> missing = REQUIRED.stream().filter(column -> !header.containsKey(column)).toList();
            if (!missing.isEmpty()) {
                throw new CredentialReportException("credential report has no column(s) " + String.join(", ", missing));
            }
            Map<String, CredentialReport.Row> users = new HashMap<>();
            Set<String> duplicated = new HashSet<>();
            CredentialReport.Row root = null;
            String rootProblem = null;
            int unparsed = 0;
            for (CSVRecord record : parser) {
                Optional<CredentialReport.Row> row = row(record, header.size());
                boolean rootRecord = record.size() > 0 && Principal.ROOT_NAME.equals(record.get(0));
                if (row.isEmpty()) {
                    unparsed++;
                    if (rootRecord) {
                        rootProblem = "the credential report's <root_account> row does not parse";
                    }
                } else if (rootRecord) {
                    if (root != null && rootProblem == null) {
                        rootProblem = "the credential report has more than one <root_account> row";
                    }
                    root = row.get();
                } else if (duplicated.contains(row.get().arn())) {
                    // A third (or later) row for an ARN already seen twice: trust it no more than the others.
                    unparsed++;
                } else if (users.putIfAbsent(row.get().arn(), row.get()) != null) {
                    // Two rows for one ARN: trust neither.
                    users.remove(row.get().arn());
                    duplicated.add(row.get().arn());
                    unparsed += 2;
                }
            }
            return new CredentialReport(users, Optional.ofNullable(root), unparsed, Optional.ofNullable(rootProblem));
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // Commons CSV reports a broken quote (IOException when it is in the header, unchecked in a
            // record) or a duplicate header this way. The text is in memory: no other I/O can fail.
            throw new CredentialReportException("credential report is not valid CSV: " + e.getMessage(), e);
        }
    }

    private static Optional<CredentialReport.Row> row(CSVRecord record, int columns) {
        if (record.size() != columns || !record.isConsistent()) {
            return Optional.empty();
        }
        Optional<CredentialReport.Slot> cert1 = slot(record, "cert_1");
        Optional<CredentialReport.Slot> cert2 = slot(record, "cert_2");
        String user = record.get("user");
        String arn = record.get("arn");
        if (cert1.isEmpty() || cert2.isEmpty() || user.isEmpty() || !arn.startsWith("arn:")) {
            return Optional.empty();
        }
        return Optional.of(new CredentialReport.Row(user, arn, cert1.get(), cert2.get(), additionalCredentialsInfo(record)));
    }

    /** Filled, or empty when the column is absent, empty or {@code N/A} (how the report writes "nothing here"). */
    private static Optional<String> additionalCredentialsInfo(CSVRecord record) {
        if (!record.isMapped(ADDITIONAL_CREDENTIALS_INFO)) {
            return Optional.empty();
        }
        String value = record.get(ADDITIONAL_CREDENTIALS_INFO).strip();
        return value.isEmpty() || value.equals("N/A") ? Optional.empty() : Optional.of(value);
    }

    private static Optional<CredentialReport.Slot> slot(CSVRecord record, String name) {
        String active = record.get(name + "_active");
        String rotated = record.get(name + "_last_rotated");
        if (!active.equals("true") && !active.equals("false")) {
            return Optional.empty();
        }
        Optional<Instant> lastRotated;
        if (rotated.equals("N/A") || rotated.equals("not_supported")) {
            lastRotated = Optional.empty();
        } else {
            try {
                lastRotated = Optional.of(OffsetDateTime.parse(rotated).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new CredentialReport.Slot(name, active.equals("true"), lastRotated));
    }
}
