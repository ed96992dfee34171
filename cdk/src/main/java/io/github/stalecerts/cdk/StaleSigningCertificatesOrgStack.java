package io.github.stalecerts.cdk;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.cloudformation.CfnStackSet;
import software.amazon.awscdk.services.config.CfnConfigurationAggregator;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The rule in every account of the chosen OUs, new accounts included, and one place to see the results.
 * Deployed in the management account or a StackSets delegated administrator, in the region that records
 * IAM (global) resources. It holds:
 * <ul>
 *   <li>a service-managed StackSet, auto-deployed to the OUs' accounts in this region only, rolled out in
 *       stages, whose template is {@link StaleSigningCertificatesStack} built with the same settings
 *       (minus the Security Hub CSPM automation rules, which only an administrator account may own);
 *   <li>the organization's code bucket the member stacks read the rule's jar from ({@link OrganizationCodeBucket});
 *   <li>an organization-wide Config aggregator and its role;
 *   <li>opt-in Security Hub CSPM automation rules matching the rule's findings from every account by Title.
 * </ul>
 * StackSets never deploy to the management account: it gets the single-account stack.
 */
public final class StaleSigningCertificatesOrgStack extends Stack {

    public static final String STACK_NAME = "StaleSigningCertificatesOrg";
    /** Member accounts' stacks are named {@code StackSet-<this>-<id>}. */
    public static final String STACK_SET_NAME = "StaleSigningCertificates";
    /** CloudFormation's limit on a StackSet's TemplateBody, in bytes. */
    static final int TEMPLATE_BODY_LIMIT = 51_200;

    private final OrganizationCodeBucket code;
    private final StaleSigningCertificatesStack memberStack;
    private final String memberTemplate;
    private final CfnStackSet stackSet;
    private final Role aggregatorRole;
    private final CfnConfigurationAggregator aggregator;
    private final Optional<SecurityHubSeverity> securityHub;

    StaleSigningCertificatesOrgStack(Construct scope, String id, StackProps props, RuleSettings settings,
                                     ResponseSettings response, OrganizationSettings organization) {
        super(scope, id, props);
        this.code = new OrganizationCodeBucket(this, "RuleCode", settings.ruleJar());

        App memberApp = memberApp();
        this.memberStack = new StaleSigningCertificatesStack(memberApp, StaleSigningCertificatesApp.STACK_NAME,
                StackProps.builder()
                        .description(StaleSigningCertificatesApp.DESCRIPTION)
                        // Member accounts are not CDK-bootstrapped: no bootstrap-version check, no asset.
                        .synthesizer(new BootstraplessSynthesizer())
                        .analyticsReporting(false)
                        .build(),
                settings, response.forMemberAccounts(), new RuleCode.OrganizationBucket(code.key()));
        NagChecks.apply(memberApp, memberStack);
        this.memberTemplate = synthesize(memberApp, memberStack);

        this.stackSet = CfnStackSet.Builder.create(this, "StackSet")
                .stackSetName(STACK_SET_NAME)
                .description("The stale signing-certificate Config rule " + settings.ruleName()
                        + " in every account of " + String.join(", ", organization.organizationalUnitIds()))
                .permissionModel("SERVICE_MANAGED")
                .callAs(organization.callAs())
                .autoDeployment(CfnStackSet.AutoDeploymentProperty.builder()
                        .enabled(true)
                        .retainStacksOnAccountRemoval(false)
                        .build())
                // The member template's roles have no names: CAPABILITY_IAM, not CAPABILITY_NAMED_IAM.
                .capabilities(List.of("CAPABILITY_IAM"))
                .operationPreferences(CfnStackSet.OperationPreferencesProperty.builder()
                        .maxConcurrentPercentage(organization.maxConcurrentPercentage())
                        .failureTolerancePercentage(organization.failureTolerancePercentage())
                        .build())
                .stackInstancesGroup(List.of(CfnStackSet.StackInstancesProperty.builder()
                        .deploymentTargets(CfnStackSet.DeploymentTargetsProperty.builder()
                                .organizationalUnitIds(organization.organizationalUnitIds())
                                .build())
                        // IAM is global: one region per account, or every region would judge the same users again.
                        .regions(List.of(getRegion()))
                        .build()))
                .parameters(List.of(CfnStackSet.ParameterProperty.builder()
                        .parameterKey(RuleCode.OrganizationBucket.BUCKET_PARAMETER)
                        .parameterValue(code.bucketNameWithTheJar())
                        .build()))
                .templateBody(memberTemplate)
                .build();
        // Member accounts read the jar as soon as their stacks start: the read grant must be in place.
        stackSet.getNode().addDependency(code.bucket().getPolicy());

        this.aggregatorRole = Role.Builder.create(this, "AggregatorRole")
                .assumedBy(new ServicePrincipal("config.amazonaws.com"))
                .description("Lets AWS Config list the organization's accounts for the organization aggregator")
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSConfigRoleForOrganizations")))
                .build();
        this.aggregator = CfnConfigurationAggregator.Builder.create(this, "Aggregator")
                .configurationAggregatorName(settings.ruleName() + "-organization")
                .organizationAggregationSource(CfnConfigurationAggregator.OrganizationAggregationSourceProperty.builder()
                        .roleArn(aggregatorRole.getRoleArn())
                        .allAwsRegions(false)
                        .awsRegions(List.of(getRegion()))
                        .build())
                .build();

        this.securityHub = response.securityHubAutomationRules()
                ? Optional.of(new SecurityHubSeverity(this, "SecurityHub", settings.ruleName()))
                : Optional.empty();
    }

    /** A separate app for the member stack, synthesized into a directory of its own (never the CLI's cdk.out). */
    private static App memberApp() {
        try {
            Path outdir = Files.createTempDirectory("stale-certs-member-");
            return App.Builder.create().outdir(outdir.toString()).analyticsReporting(false).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the member template", e);
        }
    }

    /**
     * Synthesizes the member app (its validation plugins run: a finding fails here) and returns the member
     * template as compact JSON, checked against CloudFormation's TemplateBody limit.
     */
    private static String synthesize(App memberApp, Stack memberStack) {
        Path outdir = Path.of(memberApp.getOutdir());
        try {
            CloudAssembly assembly = memberApp.synth();
            Path file = Path.of(assembly.getStackByName(memberStack.getStackName()).getTemplateFullPath());
            String compact = new GsonBuilder().disableHtmlEscaping().create()
                    .toJson(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)));
            int bytes = compact.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > TEMPLATE_BODY_LIMIT) {
                throw new IllegalStateException("the member template is " + bytes + " bytes, over CloudFormation's "
                        + TEMPLATE_BODY_LIMIT + "-byte TemplateBody limit for a StackSet");
            }
            return compact;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the member template", e);
        } finally {
            deleteQuietly(outdir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    OrganizationCodeBucket code() {
        return code;
    }

    /** The stack the StackSet's template was synthesized from (in its own app). */
    StaleSigningCertificatesStack memberStack() {
        return memberStack;
    }

    /** The StackSet's TemplateBody. */
    String memberTemplate() {
        return memberTemplate;
    }

    CfnStackSet stackSet() {
        return stackSet;
    }

    Role aggregatorRole() {
        return aggregatorRole;
    }

    CfnConfigurationAggregator aggregator() {
        return aggregator;
    }

    Optional<SecurityHubSeverity> securityHub() {
        return securityHub;
    }
}
