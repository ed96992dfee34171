package io.github.stalecerts.cdk;

import java.nio.file.Path;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * Where the stack's Lambda functions get the rule's jar from. The single-account stack uploads it as a
 * CDK asset (the account's bootstrap bucket); the stack a StackSet deploys to member accounts reads it
 * from the organization's code bucket, which the member accounts are not bootstrapped for and did not
 * upload to. Both functions of a stack share one {@link Code}.
 */
sealed interface RuleCode {

    /** The code of the stack's functions; called once, while the stack is built. */
    Code code(Stack stack);

    /** The jar on this machine, published as a CDK file asset. */
    record LocalJar(Path jar) implements RuleCode {
        @Override
        public Code code(Stack stack) {
            return Code.fromAsset(jar.toString());
        }
    }

    /**
     * The jar in the organization's code bucket. The bucket arrives as the stack parameter
     * {@value #BUCKET_PARAMETER} (the StackSet sets it); the key is fixed at synth and holds the jar's
     * content hash, so a new jar changes the function's code, and with it the published version.
     */
    record OrganizationBucket(String key) implements RuleCode {

        static final String BUCKET_PARAMETER = "RuleCodeBucket";

        @Override
        public Code code(Stack stack) {
            CfnParameter bucket = CfnParameter.Builder.create(stack, BUCKET_PARAMETER)
                    .type("String")
                    .description("The organization's bucket holding the rule's jar (set by the StackSet)")
                    .allowedPattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
                    .build();
            return Code.fromBucket(Bucket.fromBucketName(stack, "RuleCodeBucketRef", bucket.getValueAsString()), key);
        }
    }
}
