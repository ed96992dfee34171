package io.github.stalecerts.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * cdk-nag 3's AwsSolutions, NIST 800-53 rev. 5 and Serverless packs, registered as validation plugins so
 * that every synth (tests and `cdk synth`) fails on an unacknowledged finding; checkov's skips for the same
 * decisions; and every acknowledgement with its reason, here and nowhere else. Each names one finding id
 * on one resource, so a new resource with the same finding still fails.
 */
final class NagChecks {

    static final String JAVA_RUNTIME = "java21 is the chosen runtime (supported LTS, SnapStart on arm64); moving to "
            + "a newer Java runtime is a deliberate change with its own testing, not something a synth should decide.";
    static final String NO_VPC = "The function calls only AWS service APIs (IAM and Config) over TLS with SigV4 and "
            + "serves no traffic; a VPC would add network interfaces plus a NAT gateway or an interface endpoint per "
            + "service for the same calls: cost, and no reduction in what the function can reach.";
    static final String FAILURE_DESTINATION_NOT_DLQ = "Failed asynchronous invocations go to the on-failure destination "
            + "(the FailedInvocations queue, alarmed): Lambda's invocation record there holds the event and the error, "
            + "where a dead-letter queue would get the event only.";
    static final String NO_TRACING = "X-Ray active tracing is off. Without the X-Ray SDK wrapping the AWS SDK clients, "
            + "a trace is one segment per invocation (duration, error), which the run's summary log line (account, "
            + "verdicts, API calls per operation, milliseconds) and the error alarm already give; wrapping the clients "
            + "would add a dependency and start-up work to a function that runs daily and on user changes.";
    static final String INLINE_POLICY = "An inline policy belongs to this role alone and is deleted with it; a managed "
            + "policy could later be attached to other principals too. The statements are exactly the calls the code "
            + "makes (a template test holds the set), so a managed policy would grant the same with a wider reach.";
    static final String END_QUEUE = "This queue is where failures end (failed-invocation records, or notifications "
            + "EventBridge and SNS could not deliver), kept 14 days and alarmed on its depth; a dead-letter queue "
            + "behind it would only move the same messages again.";
    static final String CODE_BUCKET_LOGS = "The bucket holds only the rule's jar (no data); reads and writes are API "
            + "calls CloudTrail records (S3 data events in the organization trail where enabled), and the bucket policy "
            + "allows writes by the deployment only. Access logs would need a second bucket without logs of its own.";
    static final String CDK_HELPER = "CDK's own deploy-time helper (BucketDeployment's copy function, or AwsCustomResource's "
            + "lookup of the organization's id): CloudFormation invokes it during a deployment only, through CDK's "
            + "custom-resource framework, which reports its failure on the stack; it calls S3 or Organizations APIs only, "
            + "and its code and settings are CDK's.";
    static final String CDK_HELPER_LOGS = "The log group of a CDK deploy-time helper: it holds bucket and object names and "
            + "the organization's id, no secrets; CloudWatch Logs encrypts it at rest with its own keys.";
    static final String NO_RESERVED_CONCURRENCY = "Reserved concurrency is turned off (reservedConcurrency=false) "
            + "for accounts whose Lambda concurrency quota cannot spare it: Lambda keeps 100 executions unreserved, so reserving "
            + "the " + StaleSigningCertificatesStack.RESERVED_CONCURRENCY + " + " + Remediation.RESERVED_CONCURRENCY
            + " this stack is sized for needs a quota of at least "
            + (100 + StaleSigningCertificatesStack.RESERVED_CONCURRENCY + Remediation.RESERVED_CONCURRENCY)
            + ", which new accounts may not have. The "
            + "functions share the account's unreserved pool; IAM throttling in a burst is retried by the SDK, a failed "
            + "run by Lambda, then kept in the alarmed failed-invocations queue. Turn it back on once the quota allows.";
    static final String PLAIN_ENVIRONMENT = "The one environment variable is the Config rule's name, not a secret; "
            + "Lambda encrypts environment variables at rest with an AWS managed key.";

    private NagChecks() {
    }

    static void apply(App app, StaleSigningCertificatesStack stack) {
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new ServerlessChecks(app));

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
            acknowledge(function, "AwsSolutions-L1", JAVA_RUNTIME);
            acknowledge(function, "Serverless-LambdaLatestVersion", JAVA_RUNTIME);
            acknowledge(function, "NIST.800.53.R5-LambdaInsideVPC", NO_VPC);
            skipCheckov(function, "CKV_AWS_117", NO_VPC);
            acknowledge(function, "NIST.800.53.R5-LambdaDLQ", FAILURE_DESTINATION_NOT_DLQ);
            acknowledge(function, "Serverless-LambdaDLQ", FAILURE_DESTINATION_NOT_DLQ);
            skipCheckov(function, "CKV_AWS_116", FAILURE_DESTINATION_NOT_DLQ);
            acknowledge(function, "Serverless-LambdaTracing", NO_TRACING);
            if (!stack.reservedConcurrency()) {
                acknowledge(function, "NIST.800.53.R5-LambdaConcurrency", NO_RESERVED_CONCURRENCY);
                skipCheckov(function, "CKV_AWS_115", NO_RESERVED_CONCURRENCY);
            }
        }
        skipCheckov(remediation.function(), "CKV_AWS_173", PLAIN_ENVIRONMENT);
        for (IConstruct role : new IConstruct[] {stack.role(), remediation.function().getRole(), remediation.automationRole()}) {
            acknowledge(role, "NIST.800.53.R5-IAMNoInlinePolicy", INLINE_POLICY);
        }
        acknowledge(stack.role(), "Serverless-LambdaStarPermissions", "'*' is the resource of the actions that support "
                + "no resource-level permissions (iam:GetAccountAuthorizationDetails, iam:GenerateCredentialReport, "
                + "iam:GetCredentialReport, config:PutEvaluations) and the user/* and config-rule/* patterns above; no "
                + "action is a wildcard.");
        acknowledge(remediation.function().getRole(), "Serverless-LambdaStarPermissions", "'*' is the resource of "
                + "iam:GetAccountAuthorizationDetails and config:ListDiscoveredResources (no resource-level permissions) "
                + "and the user/* and config-rule/* patterns above; no action is a wildcard.");
        for (IConstruct queue : new IConstruct[] {stack.failedInvocations().queue(), stack.notifications().undelivered()}) {
            acknowledge(queue, "AwsSolutions-SQS3", END_QUEUE);
            acknowledge(queue, "Serverless-SQSRedrivePolicy", END_QUEUE);
        }
    }

    private static void acknowledge(IConstruct construct, String id, String reason) {
        Validations.of(construct).acknowledge(Acknowledgment.builder().id(id).reason(reason).build());
    }

    /**
     * Skips one checkov check on the construct's resource, with the reason as its comment, in the resource's
     * Metadata where checkov reads it ({@code checkov: skip: [{id, comment}]}).
     */
    @SuppressWarnings("unchecked")
    static void skipCheckov(IConstruct construct, String checkId, String reason) {
        IConstruct resource = construct;
        while (!(resource instanceof CfnResource)) {
            resource = resource.getNode().getDefaultChild();
        }
        CfnResource cfn = (CfnResource) resource;
        List<Object> skips = new ArrayList<>();
        Object existing = cfn.getMetadata("checkov");
        if (existing instanceof Map<?, ?> map && map.get("skip") instanceof List<?> list) {
            skips.addAll(list);
        }
        skips.add(Map.of("id", checkId, "comment", reason));
        cfn.addMetadata("checkov", Map.of("skip", skips));
    }

    /** The organization stack's acknowledgements (the checks are registered on the app by {@link #apply}). */
    static void acknowledgeOrganization(StaleSigningCertificatesOrgStack stack) {
        OrganizationCodeBucket code = stack.code();
        acknowledge(code.bucket(), "AwsSolutions-S1", CODE_BUCKET_LOGS);
        acknowledge(code.bucket(), "NIST.800.53.R5-S3BucketLoggingEnabled", CODE_BUCKET_LOGS);
        skipCheckov(code.bucket(), "CKV_AWS_18", CODE_BUCKET_LOGS);
        acknowledge(code.bucket(), "NIST.800.53.R5-S3BucketReplicationEnabled", "The bucket holds a build artifact that "
                + "any deploy rebuilds and uploads again; it is versioned and kept when the stack is deleted. A replica "
                + "would add a second bucket and a replication role for nothing the build cannot reproduce.");
        acknowledge(code.bucket(), "NIST.800.53.R5-S3DefaultEncryptionKMS", "SSE-S3 (AES-256): every member account's "
                + "CloudFormation reads the jar, so a KMS key would need a key policy letting every member account's "
                + "StackSet execution role decrypt with it, the same grant as the object's own read grant, for a build "
                + "artifact with no secret.");
        acknowledgeFinding(stack.aggregatorRole(),
                "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]",
                "AWS's managed policy made for exactly this role (Config reading the organization's account list for an "
                        + "organization aggregator); AWS keeps it in step with the calls Config makes.");

        acknowledgeFinding(code.organization(), "AwsSolutions-IAM5[Resource::*]",
                "organizations:DescribeOrganization supports no resource-level permissions: '*' is the only resource it "
                        + "accepts; it is the policy's one action.");
        acknowledge(code.organization(), "NIST.800.53.R5-IAMNoInlinePolicy", CDK_HELPER);
        // CDK's own deploy-time helpers: the function that copies the jar into the bucket, and the one that
        // reads the organization's id. Neither runs outside a deployment.
        IConstruct copy = code.deploymentFunction();
        IConstruct lookup = code.organizationLookupFunction();
        for (IConstruct helper : new IConstruct[] {copy, lookup}) {
            acknowledgeFinding(helper,
                    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
                    "CDK's deploy-time helper function writes its logs with AWS's basic execution policy "
                            + "(logs:CreateLogGroup, CreateLogStream, PutLogEvents); it holds no other managed policy.");
            for (String finding : new String[] {"NIST.800.53.R5-LambdaConcurrency", "NIST.800.53.R5-LambdaDLQ",
                    "NIST.800.53.R5-LambdaInsideVPC", "Serverless-LambdaDLQ", "Serverless-LambdaTracing"}) {
                acknowledge(helper, finding, CDK_HELPER);
            }
            for (String check : new String[] {"CKV_AWS_115", "CKV_AWS_116", "CKV_AWS_117"}) {
                skipCheckov(helper, check, CDK_HELPER);
            }
        }
        skipCheckov(copy, "CKV_AWS_173", CDK_HELPER);
        for (IConstruct logs : new IConstruct[] {code.deploymentLogs(), code.organizationLookupLogs()}) {
            acknowledge(logs, "NIST.800.53.R5-CloudWatchLogGroupEncrypted", CDK_HELPER_LOGS);
            skipCheckov(logs, "CKV_AWS_158", CDK_HELPER_LOGS);
        }
        acknowledge(copy, "NIST.800.53.R5-IAMNoInlinePolicy", CDK_HELPER);
        for (String wildcard : new String[] {"Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*",
                "Action::s3:DeleteObject*", "Action::s3:Abort*",
                "Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*",
                "Resource::<RuleCodeBucketCFD20174.Arn>/*"}) {
            acknowledgeFinding(copy, "AwsSolutions-IAM5[" + wildcard + "]",
                    "CDK's BucketDeployment grants its copy function read on the CDK asset bucket and read/write on the "
                            + "code bucket (the grants are CDK's, not editable); the bucket policy still denies every "
                            + "write but this function's, and the function runs only during a deployment.");
        }
        String helperRuntime = "CDK's BucketDeployment picks its helper's runtime; it runs only during a deployment and "
                + "moves with the aws-cdk-lib version.";
        acknowledge(copy, "AwsSolutions-L1", helperRuntime);
        acknowledge(copy, "Serverless-LambdaLatestVersion", helperRuntime);
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
