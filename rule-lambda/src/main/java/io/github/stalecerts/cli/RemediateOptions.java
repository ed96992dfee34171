package io.github.stalecerts.cli;

import io.github.stalecerts.rule.RuleParameters;
import java.util.List;

/** The remediate command's arguments, validated. */
record RemediateOptions(String userName, boolean dryRun, RuleParameters parameters) {

    /** Parses the remediate command's arguments the way the command line does; a bad one is a UsageException. */
    static RemediateOptions parse(List<String> args) {
        RemediateCommand command = new RemediateCommand(null);
        Main.parse(command, args);
        return command.options();
    }
}
