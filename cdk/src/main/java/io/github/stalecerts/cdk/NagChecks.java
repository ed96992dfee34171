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
