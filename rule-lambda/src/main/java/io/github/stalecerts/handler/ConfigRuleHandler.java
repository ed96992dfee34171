package io.github.stalecerts.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.audit.Deadline;
import io.github.stalecerts.aws.AwsClients;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.config.ConfigEventParser;
import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.config.AwsRuleResults;
import io.github.stalecerts.iam.AwsIamDirectory;
import java.time.Clock;
import java.time.Duration;

/**
 * The Lambda entry point Config invokes: parse the event, admit it only for the function's own account,
 * run the rule ({@link RuleRun}), log one summary line.
 */
public final class ConfigRuleHandler implements RequestHandler<ConfigEvent, String> {

    /** Built once per execution environment (and captured in the SnapStart snapshot), never per invocation. */
    private static final class Default {
        static final AwsClients CLIENTS = AwsClients.fromEnvironment();
    }

    private final RuleRun ruleRun;

    public ConfigRuleHandler() {
        this(new RuleRun(new AwsIamDirectory(Default.CLIENTS.iam(), Sleeper.REAL),
                new AwsRuleResults(Default.CLIENTS.config(), Sleeper.REAL), Default.CLIENTS.counter(), Clock.systemUTC(),
                AccountAudit.DEFAULT_LISTING_THREADS));
    }

    public ConfigRuleHandler(RuleRun ruleRun) {
        this.ruleRun = ruleRun;
    }

    @Override
    public String handleRequest(ConfigEvent event, Context context) {
        var logger = context.getLogger();
        try {
            Invocation invocation = ConfigEventParser.parse(event);
            FunctionAccount.ofInvokedFunctionArn(context.getInvokedFunctionArn()).admit(invocation);
            // Lambda's remaining time, so that a slow run reports what it read instead of timing out with nothing.
            Deadline timeout = Deadline.in(Duration.ofMillis(context.getRemainingTimeInMillis()));
            String summary = ruleRun.run(invocation, w -> logger.log(w, LogLevel.WARN), timeout).line();
            logger.log(summary, LogLevel.INFO);
            return summary;
        } catch (IncompleteEvaluationException e) {
            // The log is the only record of who was not evaluated: one line each, then the summary.
            e.unreadableLines().forEach(line -> logger.log(line, LogLevel.ERROR));
            logger.log("failed: " + e.getMessage(), LogLevel.ERROR);
            throw e;
        } catch (RuntimeException e) {
            logger.log("failed: " + e.getMessage(), LogLevel.ERROR);
            throw e;
        }
    }
}
