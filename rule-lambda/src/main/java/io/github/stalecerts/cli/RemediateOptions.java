package io.github.stalecerts.cli;

import io.github.stalecerts.rule.RuleParameters;
import java.util.List;
import java.util.Optional;

/**
 * The remediate command's arguments, validated: one IAM user ({@code --user}), or a member
 * account's root user ({@code --root --account ID}).
 *
 * @param userName    the user, or null for a root remediation
 * @param rootAccount the member account whose root user is remediated
 * @param delete      with --root: delete the stale root certificates (otherwise only list them)
 */
record RemediateOptions(String userName, boolean dryRun, RuleParameters parameters, Optional<String> rootAccount,
                        boolean delete) {

    /** Parses the remediate command's arguments the way the command line does; a bad one is a UsageException. */
    static RemediateOptions parse(List<String> args) {
        RemediateCommand command = new RemediateCommand(null);
        Main.parse(command, args);
        return command.options();
    }
}
