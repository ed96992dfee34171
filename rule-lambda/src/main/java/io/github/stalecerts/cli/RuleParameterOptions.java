package io.github.stalecerts.cli;

import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.InvalidRuleParameterException;
import io.github.stalecerts.rule.RuleParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.ResourceBundle;
import picocli.CommandLine.Option;

/** The repeatable {@code --param NAME=VALUE}: the rule's parameters, parsed as Config's are. */
final class RuleParameterOptions {

    /** The option's help: annotation texts must be constants, so picocli reads these lines from a bundle. */
    static final ResourceBundle HELP = new ListResourceBundle() {
        @Override
        protected Object[][] getContents() {
            List<String> lines = new ArrayList<>();
            lines.add("A rule parameter, as the deployed rule takes it (repeatable):");
            RuleParameters.DESCRIPTIONS.forEach(parameter -> lines.add("  " + parameter.helpLine()));
            Object[][] contents = new Object[lines.size()][];
            for (int i = 0; i < lines.size(); i++) {
                contents[i] = new Object[] {HELP_KEY + "." + i, lines.get(i)};
            }
            return contents;
        }
    };
    private static final String HELP_KEY = "param";

    @Option(names = "--param", paramLabel = "NAME=VALUE", descriptionKey = HELP_KEY)
    private List<String> pairs = new ArrayList<>();

    /** The --param values as rule parameters; a bad one is a usage error naming it. */
    RuleParameters ruleParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param takes NAME=VALUE, got '" + Echo.of(pair) + "'");
            }
            if (params.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw new UsageException("--param " + Echo.of(pair.substring(0, eq)) + " is given twice");
            }
        }
        try {
            return RuleParameters.parse(params);
        } catch (InvalidRuleParameterException e) {
            throw new UsageException("--param: " + e.getMessage());
        }
    }
}
