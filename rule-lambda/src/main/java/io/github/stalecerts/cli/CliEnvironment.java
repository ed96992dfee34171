package io.github.stalecerts.cli;

import io.github.stalecerts.aws.OrganizationClients;
import java.io.PrintStream;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * What a command runs with: its output streams, the SDK clients (made only once the arguments are
 * known to be good), and whether stderr is an interactive terminal (progress line) or not (one line
 * per finished account).
 */
record CliEnvironment(PrintStream out, PrintStream err, Supplier<IamClient> iam,
                      Supplier<OrganizationClients> organization, boolean terminal) {
}
