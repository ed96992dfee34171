package io.github.stalecerts.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.github.stalecerts.aws.AwsClients;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.config.DeployedRule;
import io.github.stalecerts.config.DiscoveredUsers;
import io.github.stalecerts.config.InvalidEventException;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.remediation.CertificateRemediator;
import io.github.stalecerts.remediation.RemediationResult;
import io.github.stalecerts.rule.Echo;
import io.github.stalecerts.rule.ResourceId;
import io.github.stalecerts.rule.Evaluator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The Lambda the SSM remediation document invokes with {@code {"resourceId": "<UserId>", "dryRun": false}}.
 * It deactivates the user's stale certificates, judged with the deployed rule's current parameters
 * (read from Config by the rule name in {@code CONFIG_RULE_NAME}), and returns what it did.
 */
public final class RemediationHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final String RULE_NAME_VARIABLE = "CONFIG_RULE_NAME";

    private static final class Default {
        static final AwsClients CLIENTS = AwsClients.fromEnvironment();
    }

    private final IamClient iam;
    private final ConfigClient config;
    private final String configRuleName;
    private final Clock clock;

    public RemediationHandler() {
        this(Default.CLIENTS.iam(), Default.CLIENTS.config(), System.getenv(RULE_NAME_VARIABLE), Clock.systemUTC());
    }

    public RemediationHandler(IamClient iam, ConfigClient config, String configRuleName, Clock clock) {
        this.iam = iam;
        this.config = config;
        this.configRuleName = configRuleName;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (configRuleName == null || configRuleName.isBlank()) {
            throw new IllegalStateException(RULE_NAME_VARIABLE + " is not set: the remediation needs the rule's name");
        }
        String resourceId = resourceId(input);
        boolean dryRun = dryRun(input);
        CertificateRemediator remediator = new CertificateRemediator(new AwsIamDirectory(iam, Sleeper.REAL),
                Optional.of(new DiscoveredUsers(config)::nameOf),
                new Evaluator(new DeployedRule(config).parameters(configRuleName), clock));
        RemediationResult result = remediator.byResourceId(resourceId, dryRun);
        context.getLogger().log("remediation " + result.outcome() + ": " + result.message(), LogLevel.INFO);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("outcome", result.outcome().name());
        output.put("resourceId", result.resourceId());
        output.put("userName", result.userName());
        output.put("dryRun", result.dryRun());
        output.put("deactivated", result.changed());
        output.put("kept", result.kept());
        output.put("message", result.message());
        return output;
    }

    private static String resourceId(Map<String, Object> input) {
        Object id = input == null ? null : input.get("resourceId");
        if (!(id instanceof String text) || text.isBlank()) {
            throw new InvalidEventException("resourceId is missing: expected {\"resourceId\": \"<IAM UserId>\"}");
        }
        if (!ResourceId.isValid(text)) {
            throw new InvalidEventException("resourceId '" + Echo.of(text) + "' is not an IAM UserId or account id");
        }
        return text;
    }

    private static boolean dryRun(Map<String, Object> input) {
        Object value = input.get("dryRun");
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidEventException("dryRun must be true or false, got '" + Echo.of(String.valueOf(value)) + "'");
    }
}
