package io.github.stalecerts.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.stalecerts.testing.DocsText;
import io.github.stalecerts.rule.ParameterDescription;
import io.github.stalecerts.rule.RootCertificatePolicy;
import io.github.stalecerts.rule.RuleParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table against the rule's parameter descriptions: each parameter's row names its
 * default and what it allows exactly as {@link RuleParameters#DESCRIPTIONS} does, so the table cannot drift
 * from what the rule, the CLI's help and the CDK accept.
 */
class ParameterTablesTest {

    @Test
    void theReadmeTableGivesEachParametersDefaultAndAllowedValues() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        for (ParameterDescription parameter : RuleParameters.DESCRIPTIONS) {
            List<String> rows = lines.stream().filter(l -> l.startsWith("| `" + parameter.name() + "` |")).toList();
            assertEquals(1, rows.size(), "one README row for " + parameter.name());
            String[] cells = rows.get(0).split("\\s*\\|\\s*");
            // cells[0] is empty: the row starts with '|'
            assertEquals(parameter.defaultValue().map(v -> "`" + v + "`").orElse("none"), cells[2],
                    parameter.name() + "'s default in README.md");
            assertEquals(allowed(parameter), cells[3], parameter.name() + "'s allowed values in README.md");
        }
    }

    /** What the README's "allowed" column says for a parameter. */
    private static String allowed(ParameterDescription parameter) {
        if (parameter.range().isPresent()) {
            return DocsText.tableRange(parameter.range().get());
        }
        if (!parameter.choices().isEmpty()) {
            return parameter.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        }
        assertEquals(RuleParameters.EXEMPT_TAG_KEY, parameter.name(), "only the tag key is free text");
        return "an IAM tag key";
    }

    /** Config's input parameters come from the same descriptions: every parameter, in their order, nothing else. */
    @Test
    void theInputParametersAreTheDescribedOnes() {
        RuleParameters all = new RuleParameters(60, 10, RootCertificatePolicy.FORBID, Optional.of("exempt"));
        assertEquals(RuleParameters.NAMES, List.copyOf(all.asInputParameters().keySet()));
        assertEquals(Map.of("maxCertificateAgeDays", "60", "expiryWarningDays", "10", "rootCertificatePolicy", "forbid",
                "exemptTagKey", "exempt"), all.asInputParameters());
        assertEquals(RuleParameters.NAMES.subList(0, 3), List.copyOf(RuleParameters.DEFAULTS.asInputParameters().keySet()),
                "a parameter without a value and without a default is left out");
    }
}
