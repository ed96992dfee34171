package io.github.stalecerts.cdk;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The rule's jar where every account of the organization can read it: a bucket in the deploying account
 * and region (Lambda reads code from a bucket in the function's region, in any account), versioned,
 * TLS-only, SSE-S3 encrypted, blocked from public access, closed to every principal outside this
 * organization, readable by the StackSet execution roles of its accounts only, and written only by the
 * deployment that copies the jar into it.
 *
 * <p>The jar travels as a CDK asset into the deploying account's bootstrap bucket (the member accounts
 * are not bootstrapped), then a {@link BucketDeployment} copies it, unextracted, to
 * {@value #KEY_PREFIX}{@code <content hash>.jar}. Old jars stay: a member stack rolling back needs the
 * jar it ran before.
 */
final class OrganizationCodeBucket extends Construct {

    static final String KEY_PREFIX = "rule-lambda/";
    /** The name prefix of the role a service-managed StackSet deploys with in a member account. */
    static final String STACK_SET_EXECUTION_ROLE_PREFIX = "stacksets-exec-";

    private final Bucket bucket;
    private final BucketDeployment deployment;
    private final AwsCustomResource organization;
    private final String key;
    private final LogGroup deploymentLogs;
    private final LogGroup organizationLookupLogs;

    OrganizationCodeBucket(Construct scope, String id, Path jar) {
        super(scope, id);
        Asset asset = Asset.Builder.create(this, "RuleJar")
                .path(jar.toString())
                .deployTime(true)
                .build();
        // The deployment copies the asset to KEY_PREFIX + the asset's file name, which is its content hash:
        // a literal, so the member template can name the key (a token here would be a bug in this class).
        if (Token.isUnresolved(asset.getS3ObjectKey()) || asset.getS3ObjectKey().contains("/")) {
            throw new IllegalStateException("the rule jar's asset key is not a plain file name: " + asset.getS3ObjectKey());
        }
        this.key = KEY_PREFIX + asset.getS3ObjectKey();

        this.bucket = Bucket.Builder.create(this, "Bucket")
                .versioned(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                // Member stacks reference the jars in it: deleting this stack must not pull them away.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        this.deploymentLogs = LogGroup.Builder.create(this, "DeploymentLogs").retention(RetentionDays.ONE_YEAR).build();
        this.organizationLookupLogs = LogGroup.Builder.create(this, "OrganizationLookupLogs")
                .retention(RetentionDays.ONE_YEAR).build();
        this.deployment = BucketDeployment.Builder.create(this, "Deployment")
                .sources(List.of(Source.bucket(asset.getBucket(), asset.getS3ObjectKey())))
                .destinationBucket(bucket)
                .destinationKeyPrefix(KEY_PREFIX)
                .extract(false)
                .prune(false)
                .retainOnDelete(true)
                .logGroup(deploymentLogs)
                // Copies one 14 MB jar with the AWS CLI.
                .memoryLimit(256)
                .build();

        // The organization's id, for aws:PrincipalOrgID. CloudFormation has no pseudo parameter for it.
        this.organization = AwsCustomResource.Builder.create(this, "Organization")
                .onUpdate(AwsSdkCall.builder()
                        .service("Organizations")
                        .action("DescribeOrganization")
                        .physicalResourceId(PhysicalResourceId.of("organization"))
                        .outputPaths(List.of("Organization.Id"))
                        .build())
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .sid("DescribeOrganization")
                        .actions(List.of("organizations:DescribeOrganization"))
                        .resources(List.of("*"))
                        .build())))
                .installLatestAwsSdk(false)
                .logGroup(organizationLookupLogs)
                // One DescribeOrganization call.
                .memorySize(256)
                .build();

        for (IConstruct helper : new IConstruct[] {deploymentFunction(), organizationLookupFunction()}) {
            dependOnPolicyOnly(helper);
        }

        // Lambda reads the jar with the credentials of whoever calls CreateFunction / UpdateFunctionCode: in a
        // member account, CloudFormation with the StackSet execution role. Only those roles, and only in this
        // organization, may read it (AWS's Security Reference Architecture grants its staging bucket the same way).
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("ReadByTheOrganization")
                .effect(Effect.ALLOW)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bucket.arnForObjects(KEY_PREFIX + "*")))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:PrincipalOrgID", organizationId()),
                        "ArnLike", Map.of("aws:PrincipalArn", stackSetExecutionRoles(Stack.of(this)))))
                .build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("NothingOutsideTheOrganization")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:*"))
                .resources(List.of(bucket.getBucketArn(), bucket.arnForObjects("*")))
                .conditions(Map.of("StringNotEquals", Map.of("aws:PrincipalOrgID", organizationId())))
                .build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("WrittenOnlyByTheDeployment")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"))
                .resources(List.of(bucket.arnForObjects("*")))
                .conditions(Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", deployment.getHandlerRole().getRoleArn())))
                .build());
    }

    /**
     * The roles service-managed StackSets deploy with in every member account ({@code stacksets-exec-<hash>}),
     * in any account: the organization condition beside it keeps them to this organization's accounts.
     */
    static String stackSetExecutionRoles(Stack stack) {
        return stack.formatArn(ArnComponents.builder()
                .service("iam").region("").account("*").resource("role").resourceName(STACK_SET_EXECUTION_ROLE_PREFIX + "*")
                .build());
    }

    /**
     * A CDK helper function depends on its role and its role's default policy; the role is already implied
     * by the function's Role GetAtt (cfn-lint W3005). Keeps the policy: the function must not run before its
     * permissions are attached.
     */
    private static void dependOnPolicyOnly(IConstruct function) {
        CfnResource resource = (CfnResource) function.getNode().getDefaultChild();
        IConstruct role = function.getNode().findChild("ServiceRole");
        IConstruct policy = role.getNode().tryFindChild("DefaultPolicy");
        if (policy == null) {
            resource.addDeletionOverride("DependsOn");
        } else {
            resource.addOverride("DependsOn", List.of(Stack.of(function).getLogicalId(
                    (CfnElement) policy.getNode().getDefaultChild())));
        }
    }

    /** The function CDK's BucketDeployment copies the jar with (a singleton of the stack). */
    IConstruct deploymentFunction() {
        return deployment.getHandlerRole().getNode().getScope();
    }

    /** The function CDK's AwsCustomResource reads the organization's id with (a singleton of the stack). */
    IConstruct organizationLookupFunction() {
        return ((IConstruct) organization.getGrantPrincipal()).getNode().getScope();
    }

    /** The organization's id ({@code o-...}), read at deploy time. */
    String organizationId() {
        return organization.getResponseField("Organization.Id");
    }

    Bucket bucket() {
        return bucket;
    }

    /** The bucket's name, available once the jar is in it (a reference to it waits for the copy). */
    String bucketNameWithTheJar() {
        return deployment.getDeployedBucket().getBucketName();
    }

    /** The jar's key in the bucket. */
    String key() {
        return key;
    }

    BucketDeployment deployment() {
        return deployment;
    }

    LogGroup deploymentLogs() {
        return deploymentLogs;
    }

    LogGroup organizationLookupLogs() {
        return organizationLookupLogs;
    }

    AwsCustomResource organization() {
        return organization;
    }
}
