package io.github.stalecerts.cdk;

import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json}), settings from context: the environment-agnostic single-account stack,
 * and the organization stack when {@value OrganizationSettings#ORGANIZATIONAL_UNIT_IDS} is set.
 */
public final class StaleSigningCertificatesApp {

    public static final String STACK_NAME = "StaleSigningCertificates";
    public static final String DESCRIPTION = "AWS Config custom rule: stale IAM X.509 signing certificates";

    private StaleSigningCertificatesApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            build(app);
            buildOrganization(app);
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
                .description(DESCRIPTION)
                .build(), settings, response, new RuleCode.LocalJar(settings.ruleJar()));
        NagChecks.apply(app, stack);
        return stack;
    }

    /**
     * Adds the organization stack when the context names the OUs to deploy to; without them the app holds
     * the single-account stack only. Call after {@link #build}, which registers the checks on the app.
     */
    public static Optional<StaleSigningCertificatesOrgStack> buildOrganization(App app) {
        Optional<OrganizationSettings> organization = OrganizationSettings.fromContext(app.getNode()::tryGetContext);
        if (organization.isEmpty()) {
            return Optional.empty();
        }
        RuleSettings settings = RuleSettings.fromContext(app.getNode()::tryGetContext);
        ResponseSettings response = ResponseSettings.fromContext(app.getNode()::tryGetContext);
        StaleSigningCertificatesOrgStack stack = new StaleSigningCertificatesOrgStack(app,
                StaleSigningCertificatesOrgStack.STACK_NAME, StackProps.builder()
                .description("Deploys the stale signing-certificate Config rule to every account of the chosen OUs "
                        + "(service-managed StackSet) and aggregates the results")
                .build(), settings, response, organization.get());
        NagChecks.acknowledgeOrganization(stack);
        return Optional.of(stack);
    }
}
