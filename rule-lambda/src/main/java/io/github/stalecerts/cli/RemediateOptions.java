package io.github.stalecerts.cli;

import io.github.stalecerts.rule.RuleParameters;
import java.util.List;
import java.util.Set;

/** The remediate command's arguments: {@code --user NAME [--dry-run] [--param NAME=VALUE ...]}. */
record RemediateOptions(String userName, boolean dryRun, RuleParameters parameters) {

    static final String USAGE = "usage: remediate --user NAME [--dry-run] [--param NAME=VALUE ...]";

    static RemediateOptions parse(List<String> args) {
        Arguments parsed = Arguments.parse(args, Set.of("--user"), Set.of("--dry-run"));
        String user = parsed.value("--user").filter(name -> !name.isBlank())
                .orElseThrow(() -> new UsageException("--user NAME is required"));
        return new RemediateOptions(user, parsed.flag("--dry-run"), parsed.ruleParameters());
    }
}
