package io.github.stalecerts.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The CDK app ({@code cdk.json}): one environment-agnostic stack, settings from context. */
public final class StaleSigningCertificatesApp {

    public static final String STACK_NAME = "StaleSigningCertificates";

    private StaleSigningCertificatesApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            build(app);
        } catch (InvalidContextException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        app.synth();
    }

    /** Adds the stack to an app, reading and validating the app's context first. */
    public static StaleSigningCertificatesStack build(App app) {
        RuleSettings settings = RuleSettings.fromContext(app.getNode()::tryGetContext);
        ResponseSettings response = ResponseSettings.fromContext(app.getNode()::tryGetContext);
        StaleSigningCertificatesStack stack = new StaleSigningCertificatesStack(app, STACK_NAME, StackProps.builder()
                .description("AWS Config custom rule: stale IAM X.509 signing certificates")
                .build(), settings, response);
        NagChecks.apply(app, stack);
        return stack;
    }
}
