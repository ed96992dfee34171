package io.github.stalecerts.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * cdk-nag 3's AwsSolutions pack, registered as a validation plugin so that every synth (tests and
 * `cdk synth`) fails on an unacknowledged finding; and the acknowledgements, each with its reason.
 */
final class NagChecks {

    private NagChecks() {
    }

    static void apply(App app, StaleSigningCertificatesStack stack) {
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

        // One acknowledgement per wildcard resource (not the whole of IAM5, so a new wildcard still fails).
        // No statement has a wildcard action; a test asserts it.
        acknowledgeFinding(stack.role(), "AwsSolutions-IAM5[Resource::*]",
                "iam:GetAccountAuthorizationDetails, iam:GenerateCredentialReport, iam:GetCredentialReport and "
                        + "config:PutEvaluations support no resource-level permissions: '*' is the only resource they accept.");
        acknowledgeFinding(stack.role(), "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user/*]",
                "iam:ListSigningCertificates and iam:GetUser on this account's users only; the rule evaluates every "
                        + "user, and users come and go, so no fixed list of user ARNs can stand in.");
        acknowledgeFinding(stack.role(),
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:config:<AWS::Region>:<AWS::AccountId>:config-rule/*]",
                "config:GetComplianceDetailsByConfigRule on this account and region's rules: the rule's own ARN holds "
                        + "an id Config assigns at creation, and referencing it would make a dependency cycle "
                        + "(rule -> function -> role -> rule).");
        Remediation remediation = stack.remediation();
        acknowledgeFinding(remediation.function().getRole(), "AwsSolutions-IAM5[Resource::*]",
                "iam:GetAccountAuthorizationDetails and config:ListDiscoveredResources support no resource-level "
                        + "permissions: '*' is the only resource they accept.");
        acknowledgeFinding(remediation.function().getRole(),
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user/*]",
                "iam:GetUser, iam:ListSigningCertificates and iam:UpdateSigningCertificate on this account's users: "
                        + "any user the rule finds non-compliant may be remediated; the code deactivates only stale "
                        + "certificates and never deletes one.");
        acknowledgeFinding(remediation.function().getRole(),
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:config:<AWS::Region>:<AWS::AccountId>:config-rule/*]",
                "config:DescribeConfigRules on this account and region's rules, to read the rule's current parameters; "
                        + "the rule's own ARN holds an id Config assigns at creation.");
        for (IConstruct function : new IConstruct[] {stack.function(), remediation.function()}) {
            Validations.of(function).acknowledge(Acknowledgment.builder()
                    .id("AwsSolutions-L1")
                    .reason("java21 is the chosen runtime (supported LTS, SnapStart on arm64); moving to a newer Java "
                            + "runtime is a deliberate change with its own testing, not something a synth should decide.")
                    .build());
        }
    }

    /** The organization stack's acknowledgements (the checks are registered on the app by {@link #apply}). */
    static void acknowledgeOrganization(StaleSigningCertificatesOrgStack stack) {
        OrganizationCodeBucket code = stack.code();
        Validations.of(code.bucket()).acknowledge(Acknowledgment.builder()
                .id("AwsSolutions-S1")
                .reason("The bucket holds only the rule's jar (no data); reads and writes are API calls CloudTrail records "
                        + "(S3 data events in the organization trail where enabled), and the bucket policy allows writes "
                        + "by the deployment only. Access logs would need a second bucket without logs of its own.")
                .build());
        acknowledgeFinding(stack.aggregatorRole(),
                "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]",
                "AWS's managed policy made for exactly this role (Config reading the organization's account list for an "
                        + "organization aggregator); AWS keeps it in step with the calls Config makes.");

        acknowledgeFinding(code.organization(), "AwsSolutions-IAM5[Resource::*]",
                "organizations:DescribeOrganization supports no resource-level permissions: '*' is the only resource it "
                        + "accepts; it is the policy's one action.");
        // CDK's own deploy-time helpers: the function that copies the jar into the bucket, and the one that
        // reads the organization's id. Neither runs outside a deployment.
        IConstruct copy = code.deploymentFunction();
        IConstruct lookup = code.organizationLookupFunction();
        for (IConstruct helper : new IConstruct[] {copy, lookup}) {
            acknowledgeFinding(helper,
                    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
                    "CDK's deploy-time helper function writes its logs with AWS's basic execution policy "
                            + "(logs:CreateLogGroup, CreateLogStream, PutLogEvents); it holds no other managed policy.");
        }
        for (String wildcard : new String[] {"Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*",
                "Action::s3:DeleteObject*", "Action::s3:Abort*",
                "Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*",
                "Resource::<RuleCodeBucketCFD20174.Arn>/*"}) {
            acknowledgeFinding(copy, "AwsSolutions-IAM5[" + wildcard + "]",
                    "CDK's BucketDeployment grants its copy function read on the CDK asset bucket and read/write on the "
                            + "code bucket (the grants are CDK's, not editable); the bucket policy still denies every "
                            + "write but this function's, and the function runs only during a deployment.");
        }
        Validations.of(copy).acknowledge(Acknowledgment.builder()
                .id("AwsSolutions-L1")
                .reason("CDK's BucketDeployment picks its helper's runtime; it runs only during a deployment and moves "
                        + "with the aws-cdk-lib version.")
                .build());
    }

    /**
     * Acknowledges one finding-level id. {@code Validations.acknowledge} rejects ids holding more than one
     * "::" (it reserves the delimiter for a prefix), and cdk-nag's IAM5 finding ids embed ARNs. This records
     * the acknowledgement exactly as {@code acknowledge} does (metadata {@code {id: reason}} under
     * {@link Validations#ACKNOWLEDGED_RULES_METADATA_KEY}), which is where cdk-nag 3 looks for it.
     */
    private static void acknowledgeFinding(IConstruct construct, String id, String reason) {
        construct.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Map.of(id, reason));
    }
}
