package io.github.stalecerts.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.stalecerts.rule.WholeNumbers;
import io.github.stalecerts.testing.DocsText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table against the settings records: one row per context key the app reads, in
 * the records' order, and each number's default and range as the record has them.
 */
class ContextKeysTableTest {

    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (line.startsWith("| `")) {
                rows.add(line.split("\\s*\\|\\s*"));
            }
        }
        return rows;
    }

    @Test
    void theReadmeHasARowForEveryContextKeyInOrder() throws IOException {
        List<String> keys = new ArrayList<>(RuleSettings.KEYS);
        keys.addAll(ResponseSettings.KEYS);
        keys.addAll(OrganizationSettings.KEYS);
        assertEquals(keys.stream().map(k -> "`" + k + "`").toList(), rows().stream().map(cells -> cells[1]).toList());
    }

    @Test
    void theReadmeGivesEachNumbersDefaultAndRange() throws IOException {
        Map<String, Object[]> numbers = Map.of(
                ResponseSettings.REMEDIATION_MAXIMUM_ATTEMPTS,
                new Object[] {ResponseSettings.DEFAULT_MAXIMUM_ATTEMPTS, ResponseSettings.MAXIMUM_ATTEMPTS},
                ResponseSettings.REMEDIATION_RETRY_SECONDS,
                new Object[] {ResponseSettings.DEFAULT_RETRY_SECONDS, ResponseSettings.RETRY_SECONDS},
                OrganizationSettings.MAX_CONCURRENT_PERCENTAGE,
                new Object[] {OrganizationSettings.DEFAULT_MAX_CONCURRENT_PERCENTAGE, OrganizationSettings.MAX_CONCURRENT_RANGE},
                OrganizationSettings.FAILURE_TOLERANCE_PERCENTAGE,
                new Object[] {OrganizationSettings.DEFAULT_FAILURE_TOLERANCE_PERCENTAGE, OrganizationSettings.FAILURE_TOLERANCE_RANGE});
        int checked = 0;
        for (String[] cells : rows()) {
            Object[] number = numbers.get(cells[1].replace("`", ""));
            if (number != null) {
                WholeNumbers range = (WholeNumbers) number[1];
                assertEquals("`" + number[0] + "`", cells[2], cells[1] + "'s default");
                assertEquals(DocsText.tableRange(range), cells[3], cells[1] + "'s range");
                checked++;
            }
        }
        assertEquals(numbers.size(), checked);
    }
}
