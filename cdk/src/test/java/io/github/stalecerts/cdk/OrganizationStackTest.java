package io.github.stalecerts.cdk;

import static io.github.stalecerts.cdk.SecurityHardeningTest.getAttArn;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.app;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.logicalId;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.nagFindings;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.properties;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.resourcesByAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.constructs.IConstruct;

/** The organization stack: StackSet, code bucket, aggregator, automation rules, and its member template. */
class OrganizationStackTest {

    static final String OU = "ou-abcd-11111111";

    static final Map<String, Object> EVERYTHING_ON = Map.of(
            OrganizationSettings.ORGANIZATIONAL_UNIT_IDS, OU + ", ou-abcd-22222222",
            ResponseSettings.AUTOMATIC_REMEDIATION, "true",
            ResponseSettings.NOTIFICATION_EMAIL, "security@example.com",
            ResponseSettings.SECURITY_HUB_AUTOMATION_RULES, "true",
            "maxCertificateAgeDays", "60",
            "exemptTagKey", "cert-exempt");

    record Built(App app, StaleSigningCertificatesStack single, StaleSigningCertificatesOrgStack org) {
        Template template() {
            return Template.fromStack(org);
        }

        Template member() {
            return Template.fromString(org.memberTemplate());
        }
    }

    static Built build(Map<String, Object> context) {
        App app = app(context);
        StaleSigningCertificatesStack single = StaleSigningCertificatesApp.build(app);
        StaleSigningCertificatesOrgStack org = StaleSigningCertificatesApp.buildOrganization(app).orElseThrow();
        return new Built(app, single, org);
    }

    static Built build() {
        return build(Map.of(OrganizationSettings.ORGANIZATIONAL_UNIT_IDS, OU));
    }

    /** The logical id of a construct's resource, through as many wrapping levels as it has (custom resources have two). */
    static String resourceId(Stack stack, IConstruct construct) {
        IConstruct resource = construct;
        while (!(resource instanceof CfnResource)) {
            resource = resource.getNode().getDefaultChild();
        }
        return logicalId(stack, resource);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template) {
        return (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
    }

    @Test
    void withoutOrganizationalUnitIdsTheAppIsTheSingleAccountStackAlone() {
        App app = app(Map.of());
        StaleSigningCertificatesApp.build(app);
        assertTrue(StaleSigningCertificatesApp.buildOrganization(app).isEmpty());
        assertEquals(List.of(StaleSigningCertificatesApp.STACK_NAME), app.getNode().getChildren().stream()
                .filter(c -> c instanceof Stack).map(c -> ((Stack) c).getStackName()).toList());
    }

    @Test
    void stackSetIsServiceManagedAutoDeployedToTheOusInThisRegionWithAStagedRollout() {
        Built built = build(Map.of(OrganizationSettings.ORGANIZATIONAL_UNIT_IDS, OU + ",r-abcd"));
        Map<String, Object> stackSet = properties(built.template(), logicalId(built.org(), built.org().stackSet()));

        assertEquals("SERVICE_MANAGED", stackSet.get("PermissionModel"));
        assertEquals("StaleSigningCertificates", stackSet.get("StackSetName"));
        assertEquals("DELEGATED_ADMIN", stackSet.get("CallAs"));
        assertEquals(Map.of("Enabled", true, "RetainStacksOnAccountRemoval", false), stackSet.get("AutoDeployment"));
        assertEquals(List.of("CAPABILITY_IAM"), stackSet.get("Capabilities"));
        assertEquals(Map.of("MaxConcurrentPercentage", 25, "FailureTolerancePercentage", 10), stackSet.get("OperationPreferences"));
        assertEquals(List.of(Map.of(
                "DeploymentTargets", Map.of("OrganizationalUnitIds", List.of(OU, "r-abcd")),
                "Regions", List.of(Map.of("Ref", "AWS::Region")))), stackSet.get("StackInstancesGroup"));
        assertFalse(stackSet.containsKey("TemplateURL"));
        assertEquals(built.org().memberTemplate(), stackSet.get("TemplateBody"));
        assertTrue(built.org().memberTemplate().getBytes(StandardCharsets.UTF_8).length
                <= StaleSigningCertificatesOrgStack.TEMPLATE_BODY_LIMIT);

        // The bucket parameter comes from the deployment that copied the jar: instances start after the copy,
        // and after the bucket policy that lets them read it.
        @SuppressWarnings("unchecked")
        Map<String, Object> parameter = ((List<Map<String, Object>>) stackSet.get("Parameters")).get(0);
        assertEquals("RuleCodeBucket", parameter.get("ParameterKey"));
        Map<String, Map<String, Object>> copies = built.template().findResources("Custom::CDKBucketDeployment");
        assertEquals(1, copies.size());
        String deployment = copies.keySet().iterator().next();
        assertTrue(parameter.get("ParameterValue").toString().contains(deployment), parameter.toString());
        built.template().hasResource("AWS::CloudFormation::StackSet", Map.of("DependsOn",
                List.of(logicalId(built.org(), built.org().code().bucket().getPolicy()))));
    }

    @Test
    void callAsAndTheRolloutComeFromContext() {
        Built built = build(Map.of(OrganizationSettings.ORGANIZATIONAL_UNIT_IDS, OU,
                OrganizationSettings.CALL_AS, "SELF",
                OrganizationSettings.MAX_CONCURRENT_PERCENTAGE, 50,
                OrganizationSettings.FAILURE_TOLERANCE_PERCENTAGE, "0"));
        built.template().hasResourceProperties("AWS::CloudFormation::StackSet", Map.of(
                "CallAs", "SELF",
                "OperationPreferences", Map.of("MaxConcurrentPercentage", 50, "FailureTolerancePercentage", 0)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "organizationalUnitIds      | ou-abcd",
            "organizationalUnitIds      | OU-ABCD-11111111",
            "organizationalUnitIds      | o-abcdefghij",
            "organizationalUnitIds      | 123456789012",
            "organizationalUnitIds      | 'ou-abcd-11111111,'",
            "organizationalUnitIds      | 'ou-abcd-11111111,ou-abcd-11111111'",
            "callAs                     | self",
            "callAs                     | ADMIN",
            "maxConcurrentPercentage    | 0",
            "maxConcurrentPercentage    | 101",
            "failureTolerancePercentage | -1",
            "failureTolerancePercentage | ten",
    })
    void badOrganizationContextFailsSynthNamingTheKey(String key, String value) {
        Map<String, Object> context = new HashMap<>(Map.of(OrganizationSettings.ORGANIZATIONAL_UNIT_IDS, OU));
        context.put(key, value);
        App app = app(context);
        StaleSigningCertificatesApp.build(app);
        InvalidContextException e = assertThrows(InvalidContextException.class,
                () -> StaleSigningCertificatesApp.buildOrganization(app));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }

    @Test
    void organizationSettingsWithoutOrganizationalUnitIdsFailNamingBothKeys() {
        App app = app(Map.of(OrganizationSettings.CALL_AS, "SELF"));
        StaleSigningCertificatesApp.build(app);
        InvalidContextException e = assertThrows(InvalidContextException.class,
                () -> StaleSigningCertificatesApp.buildOrganization(app));
        assertTrue(e.getMessage().contains("callAs") && e.getMessage().contains("organizationalUnitIds"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void codeBucketIsReadableByTheOrganizationOnlyWrittenByTheDeploymentOnlyTlsOnlyAndPrivate() {
        Built built = build();
        Template template = built.template();
        OrganizationCodeBucket code = built.org().code();
        String bucket = logicalId(built.org(), code.bucket());

        template.hasResource("AWS::S3::Bucket", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))))));

        Map<String, Object> policy = properties(template, logicalId(built.org(), code.bucket().getPolicy()));
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement");
        assertTrue(statements.stream().anyMatch(s -> "Deny".equals(s.get("Effect"))
                && Map.of("Bool", Map.of("aws:SecureTransport", "false")).equals(s.get("Condition"))), "TLS only");

        List<Map<String, Object>> allows = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertEquals(1, allows.size(), "one grant: the organization's read");
        Map<String, Object> read = allows.get(0);
        assertEquals("s3:GetObject", read.get("Action"));
        Map<String, Object> organizationId = Map.of("Fn::GetAtt", List.of(resourceId(built.org(), code.organization()), "Organization.Id"));
        // Read by the roles StackSets deploy with in the member accounts (Lambda reads the code as the caller
        // of CreateFunction), of this organization only.
        assertEquals(Map.of(
                "StringEquals", Map.of("aws:PrincipalOrgID", organizationId),
                "ArnLike", Map.of("aws:PrincipalArn", Map.of("Fn::Join", List.of("", List.of(
                        "arn:", Map.of("Ref", "AWS::Partition"), ":iam::*:role/stacksets-exec-*"))))), read.get("Condition"));
        assertTrue(read.get("Resource").toString().contains("/rule-lambda/*"), read.toString());

        // Nothing at all for a principal outside the organization, on the bucket and every object.
        Map<String, Object> outside = statements.stream().filter(s -> "NothingOutsideTheOrganization".equals(s.get("Sid")))
                .findFirst().orElseThrow();
        assertEquals("Deny", outside.get("Effect"));
        assertEquals(Map.of("AWS", "*"), outside.get("Principal"));
        assertEquals("s3:*", outside.get("Action"));
        assertEquals(List.of(getAttArn(bucket), Map.of("Fn::Join", List.of("", List.of(getAttArn(bucket), "/*")))),
                outside.get("Resource"));
        assertEquals(Map.of("StringNotEquals", Map.of("aws:PrincipalOrgID", organizationId)), outside.get("Condition"));

        Map<String, Object> writes = statements.stream().filter(s -> "WrittenOnlyByTheDeployment".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertEquals("Deny", writes.get("Effect"));
        assertEquals(List.of("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"), writes.get("Action"));
        assertEquals(Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", Map.of("Fn::GetAtt",
                List.of(logicalId(built.org(), code.deployment().getHandlerRole()), "Arn")))), writes.get("Condition"));

        // The jar is copied as it is (not unzipped), never pruned, kept when the stack goes.
        template.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "DestinationBucketName", Map.of("Ref", bucket),
                "DestinationBucketKeyPrefix", OrganizationCodeBucket.KEY_PREFIX,
                "Extract", false,
                "Prune", false,
                "RetainOnDelete", true));
        assertTrue(code.key().matches("rule-lambda/[0-9a-f]{64}\\.jar"), code.key());

        // The organization's id comes from Organizations, with that one action.
        Map<String, Object> lookup = properties(template, resourceId(built.org(), code.organization()));
        assertTrue(lookup.get("Update").toString().contains("DescribeOrganization"), lookup.toString());
        Map<String, Set<String>> lookupPolicy = new HashMap<>();
        template.findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.toString().contains("organizations:"))
                .forEach(p -> resourcesByAction(Map.of("Policies", List.of(p.get("Properties")))).forEach(lookupPolicy::put));
        assertEquals(Set.of("organizations:DescribeOrganization"), lookupPolicy.keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aggregatorCoversTheOrganizationInThisRegionThroughItsRole() {
        Built built = build();
        Template template = built.template();
        template.hasResourceProperties("AWS::Config::ConfigurationAggregator", Map.of(
                "ConfigurationAggregatorName", "stale-signing-certificates-organization",
                "OrganizationAggregationSource", Map.of(
                        "RoleArn", Map.of("Fn::GetAtt", List.of(logicalId(built.org(), built.org().aggregatorRole()), "Arn")),
                        "AllAwsRegions", false,
                        "AwsRegions", List.of(Map.of("Ref", "AWS::Region")))));
        Map<String, Object> role = properties(template, logicalId(built.org(), built.org().aggregatorRole()));
        Map<String, Object> trust = ((List<Map<String, Object>>) ((Map<String, Object>) role.get("AssumeRolePolicyDocument"))
                .get("Statement")).get(0);
        assertEquals(Map.of("Service", "config.amazonaws.com"), trust.get("Principal"));
        assertTrue(role.get("ManagedPolicyArns").toString().contains("policy/service-role/AWSConfigRoleForOrganizations"));
        assertNull(role.get("Policies"), "nothing beyond AWS's policy for organization aggregators");
    }

    @Test
    @SuppressWarnings("unchecked")
    void securityHubAutomationRulesAreOptInAndMatchEveryAccountsFindingsByTitle() {
        build().template().resourceCountIs("AWS::SecurityHub::AutomationRule", 0);

        Built built = build(EVERYTHING_ON);
        Template template = built.template();
        template.resourceCountIs("AWS::SecurityHub::AutomationRule", 2);
        for (var rule : template.findResources("AWS::SecurityHub::AutomationRule").values()) {
            Map<String, Object> criteria = (Map<String, Object>) ((Map<String, Object>) rule.get("Properties")).get("Criteria");
            assertEquals(List.of(Map.of("Comparison", "EQUALS", "Value", "stale-signing-certificates")), criteria.get("Title"));
            assertEquals(List.of(Map.of("Comparison", "EQUALS", "Value", "Config")), criteria.get("ProductName"));
            assertEquals(List.of(Map.of("Comparison", "EQUALS", "Value", "FAILED")), criteria.get("ComplianceStatus"));
            assertFalse(criteria.containsKey("GeneratorId"), "no rule ARN: every account's rule has its own");
            assertFalse(rule.toString().contains("config-rule"), rule.toString());
        }
        // ...and none in the member accounts.
        built.member().resourceCountIs("AWS::SecurityHub::AutomationRule", 0);
    }

    /**
     * The StackSet deploys what the single-account deploy deploys: every resource with the same logical id,
     * type and properties, except the automation rules (administrator only), the functions' code (from the
     * organization's bucket) and, following the code, the published version's id.
     */
    @Test
    void memberTemplateIsTheSingleAccountStackWithCodeFromTheOrganizationBucket() {
        Built built = build(EVERYTHING_ON);
        Map<String, Map<String, Object>> single = resources(Template.fromStack(built.single()));
        Map<String, Map<String, Object>> member = resources(built.member());
        Set<String> onlyType = Set.of("AWS::SecurityHub::AutomationRule", "AWS::Lambda::Version");

        Set<String> expected = new TreeSet<>();
        single.forEach((id, r) -> {
            if (!onlyType.contains(r.get("Type"))) {
                expected.add(id);
            }
        });
        Set<String> actual = new TreeSet<>();
        member.forEach((id, r) -> {
            if (!onlyType.contains(r.get("Type"))) {
                actual.add(id);
            }
        });
        assertEquals(expected, actual);
        assertTrue(expected.size() > 15, "the rule, function, role, remediation, notifications: " + expected);

        for (String id : expected) {
            Map<String, Object> mine = new HashMap<>(single.get(id));
            Map<String, Object> theirs = new HashMap<>(member.get(id));
            mine.remove("Metadata");
            theirs.remove("Metadata");
            if ("AWS::Lambda::Function".equals(mine.get("Type"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> props = new HashMap<>((Map<String, Object>) theirs.get("Properties"));
                assertEquals(Map.of("S3Bucket", Map.of("Ref", "RuleCodeBucket"), "S3Key", built.org().code().key()),
                        props.get("Code"), id);
                @SuppressWarnings("unchecked")
                Map<String, Object> own = new HashMap<>((Map<String, Object>) mine.get("Properties"));
                own.remove("Code");
                props.remove("Code");
                assertEquals(own, props, id);
            } else if ("AWS::Lambda::Alias".equals(mine.get("Type"))) {
                assertEquals(mine.get("Type"), theirs.get("Type"));
            } else {
                assertEquals(mine, theirs, id);
            }
        }
        built.member().resourceCountIs("AWS::Lambda::Version", 1);
        built.member().resourceCountIs("AWS::Config::ConfigRule", 1);
        built.member().hasResourceProperties("AWS::Config::ConfigRule", Map.of(
                "InputParameters", Map.of("maxCertificateAgeDays", "60", "expiryWarningDays", "30",
                        "rootCertificatePolicy", "rotate", "exemptTagKey", "cert-exempt")));

        // Nothing that needs a CDK-bootstrapped member account; the bucket is the one parameter.
        Map<String, Object> json = built.member().toJSON();
        assertEquals(Set.of("RuleCodeBucket"), ((Map<?, ?>) json.get("Parameters")).keySet());
        assertNull(json.get("Rules"), "no bootstrap-version check");
        assertFalse(built.org().memberTemplate().contains("cdk-hnb659fds"), "no CDK bootstrap bucket");
    }

    @Test
    void cdkNagAwsSolutionsHasNoUnacknowledgedFindingOnTheOrganizationStackOrTheMemberStack(@TempDir Path out) throws Exception {
        Map<String, Object> context = new HashMap<>(EVERYTHING_ON);
        context.put(RuleSettings.RULE_JAR, StaleSigningCertificatesStackTest.RULE_JAR);
        App app = App.Builder.create().outdir(out.toString()).context(context).build();
        StaleSigningCertificatesStack single = StaleSigningCertificatesApp.build(app);
        StaleSigningCertificatesOrgStack org = StaleSigningCertificatesApp.buildOrganization(app).orElseThrow();

        assertEquals(List.of(), nagFindings(app, org));
        assertEquals(List.of(), nagFindings(app, single));
        StaleSigningCertificatesStack member = org.memberStack();
        assertEquals(List.of(), nagFindings((App) member.getNode().getRoot(), member));

        // The full synth runs the checks as validation plugins (as `cdk synth` does) and must pass.
        CloudAssembly assembly = app.synth();
        assertTrue(Files.size(Path.of(assembly.getStackByName(StaleSigningCertificatesOrgStack.STACK_NAME)
                .getTemplateFullPath())) > 0);
    }
}
