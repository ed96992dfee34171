package io.github.stalecerts.cli;

import io.github.stalecerts.aws.AwsClients;
import io.github.stalecerts.rule.Echo;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The local commands of the jar. {@code audit} prints verdicts and reports nothing to Config;
 * {@code remediate} deactivates one user's stale certificates ({@code --dry-run}: only says which).
 * Exit 0 when it ran, 2 for bad arguments, 1 for failures.
 */
@Command(name = Main.NAME, mixinStandardHelpOptions = true, versionProvider = Version.class, usageHelpWidth = 120,
        description = {"Finds stale IAM X.509 signing certificates of every IAM user and the root account, "
                + "with the same rule as the AWS Config custom rule deployed from this jar."},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run '" + Main.NAME + " COMMAND --help' for a command's options.",
                "Exit status: 0 when it ran, 1 for failures, 2 for bad arguments."})
public final class Main implements Callable<Integer> {

    static final String NAME = "java -jar rule-lambda.jar";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;

    public static void main(String[] args) {
        System.exit(run(args, new CliEnvironment(System.out, System.err, () -> AwsClients.fromEnvironment().iam(),
                AwsClients::forOrganization, System.console() != null)));
    }

    /** Runs a command with one account's IAM client; the client is made only once the arguments are known to be good. */
    static int run(String[] args, PrintStream out, PrintStream err, Supplier<IamClient> iam) {
        return run(args, new CliEnvironment(out, err, iam, () -> {
            throw new IllegalStateException("no organization clients in this environment");
        }, false));
    }

    static int run(String[] args, CliEnvironment environment) {
        CommandLine commandLine = configure(new CommandLine(new Main()))
                .addSubcommand(configure(new CommandLine(new AuditCommand(environment))))
                .addSubcommand(configure(new CommandLine(new RemediateCommand(environment))))
                .setOut(new PrintWriter(environment.out(), true))
                .setErr(new PrintWriter(environment.err(), true))
                .setParameterExceptionHandler((e, arguments) ->
                        usageError(e.getCommandLine(), describe(e), environment.err()))
                .setExecutionExceptionHandler((e, command, parseResult) -> {
                    if (e instanceof UsageException) {
                        return usageError(command, e.getMessage(), environment.err());
                    }
                    environment.err().println(command.getCommandName() + " failed: " + e.getMessage());
                    return FAILED;
                });
        return commandLine.execute(args);
    }

    /** Without a command: a usage error. */
    @Override
    public Integer call() {
        throw new UsageException("missing command: audit or remediate");
    }

    /** Parses one command's arguments into it (for the options records); a bad argument is a UsageException. */
    static void parse(Object command, List<String> args) {
        try {
            configure(new CommandLine(command)).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(describe(e));
        }
    }

    private static CommandLine configure(CommandLine commandLine) {
        // "@file" arguments are plain values here, never files to read arguments from.
        return commandLine.setExpandAtFiles(false)
                .setResourceBundle(RuleParameterOptions.HELP)
                .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    }

    /** A bad argument in one line that names it. */
    static String describe(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            boolean command = e.getCommandLine().getParent() == null && !argument.startsWith("-");
            return (command ? "unknown command '" : "unknown argument '") + Echo.of(argument) + "'";
        }
        if (e.getCause() instanceof TypeConversionException conversion) {
            return conversion.getMessage();
        }
        if (e instanceof MissingParameterException missing && e.getMessage().startsWith("Missing required option")) {
            return missing.getMissing().stream()
                    .map(arg -> arg instanceof OptionSpec option ? option.longestName() + " " + option.paramLabel() : arg.paramLabel())
                    .collect(Collectors.joining(", ")) + " is required";
        }
        return e.getMessage();
    }

    private static int usageError(CommandLine command, String message, PrintStream err) {
        boolean top = command.getParent() == null;
        err.println((top ? "" : command.getCommandName() + ": ") + message);
        Help help = command.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for every option.");
        return BAD_ARGUMENTS;
    }
}
