package io.github.stalecerts.aws;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every AWS action the code calls, and the resources each may be granted on: the one list the call
 * sites ({@link AwsErrors#call}), the CDK roles and the tests read. The two Lambda functions' roles
 * are made of it; the local organization commands' principal is listed too (it is not deployed: its
 * policy is written out in docs/organization-audit.md). Plain Java, so the CDK app can load it
 * without the AWS SDK.
 */
public final class ActionCatalogue {

    private ActionCatalogue() {
    }

    /** The narrowest resource an action can be granted on. */
    public enum Scope {
        /** The action supports no resource-level permission: {@code *} is the only resource it accepts. */
        ANY,
        /** This account's IAM users: {@code arn:<partition>:iam::<account>:user/*}. */
        ACCOUNT_IAM_USERS,
        /**
         * This account and region's Config rules: {@code arn:<partition>:config:<region>:<account>:config-rule/*}.
         * Not the rule's own ARN, which holds an id Config assigns at creation.
         */
        ACCOUNT_CONFIG_RULES,
        /** The audit role in the organization's accounts: {@code arn:<partition>:iam::*:role/<role name>}. */
        MEMBER_ACCOUNT_ROLES,
        /**
         * The root users of the organization's member accounts, {@code arn:<partition>:iam::*:root}, with
         * an {@code sts:TaskPolicyArn} condition per task policy.
         */
        MEMBER_ACCOUNT_ROOTS,
        /** Allowed inside a root session by its task policy, never by the caller's own policy. */
        ROOT_SESSION
    }

    /** One AWS action, named as IAM policies name it ({@code iam:GetUser}). */
    public enum Action {
        IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS("iam:GetAccountAuthorizationDetails", Scope.ANY),
        IAM_GENERATE_CREDENTIAL_REPORT("iam:GenerateCredentialReport", Scope.ANY),
        IAM_GET_CREDENTIAL_REPORT("iam:GetCredentialReport", Scope.ANY),
        IAM_GET_USER("iam:GetUser", Scope.ACCOUNT_IAM_USERS),
        IAM_LIST_SIGNING_CERTIFICATES("iam:ListSigningCertificates", Scope.ACCOUNT_IAM_USERS),
        IAM_UPDATE_SIGNING_CERTIFICATE("iam:UpdateSigningCertificate", Scope.ACCOUNT_IAM_USERS),
        CONFIG_PUT_EVALUATIONS("config:PutEvaluations", Scope.ANY),
        CONFIG_GET_COMPLIANCE_DETAILS_BY_CONFIG_RULE("config:GetComplianceDetailsByConfigRule", Scope.ACCOUNT_CONFIG_RULES),
        CONFIG_LIST_DISCOVERED_RESOURCES("config:ListDiscoveredResources", Scope.ANY),
        CONFIG_DESCRIBE_CONFIG_RULES("config:DescribeConfigRules", Scope.ACCOUNT_CONFIG_RULES),
        /** Needs no permission (AWS answers it even when denied); named so its call site reads like every other. */
        STS_GET_CALLER_IDENTITY("sts:GetCallerIdentity", Scope.ANY),
        ORGANIZATIONS_LIST_ACCOUNTS("organizations:ListAccounts", Scope.ANY),
        ORGANIZATIONS_DESCRIBE_ORGANIZATION("organizations:DescribeOrganization", Scope.ANY),
        STS_ASSUME_ROLE("sts:AssumeRole", Scope.MEMBER_ACCOUNT_ROLES),
        STS_ASSUME_ROOT("sts:AssumeRoot", Scope.MEMBER_ACCOUNT_ROOTS),
        /** The root user's certificate, in a session scoped by the task policy IAMDeleteRootUserCredentials. */
        IAM_DELETE_SIGNING_CERTIFICATE("iam:DeleteSigningCertificate", Scope.ROOT_SESSION);

        private final String iamName;
        private final Scope scope;

        Action(String iamName, Scope scope) {
            this.iamName = iamName;
            this.scope = scope;
        }

        /** The name in an IAM policy, {@code service:Operation}. */
        public String iamName() {
            return iamName;
        }

        public Scope scope() {
            return scope;
        }

        @Override
        public String toString() {
            return iamName;
        }
    }

    /**
     * One policy statement: actions of one scope, with what they are for as its statement id.
     *
     * @param sid what the actions are for, usable as a policy statement id
     */
    public record Grant(String sid, Scope scope, List<Action> actions) {
        public Grant {
            actions = List.copyOf(actions);
            if (actions.stream().anyMatch(action -> action.scope() != scope)) {
                throw new IllegalArgumentException("grant " + sid + " mixes scopes: " + actions);
            }
        }

        public List<String> iamNames() {
            return actions.stream().map(Action::iamName).toList();
        }
    }

    /** The deployed Lambda functions, and the principal that runs the local organization commands, and what each calls. */
    public enum Function {
        /** The Config rule: reads users, certificates and the credential report; reports evaluations. */
        RULE(List.of(
                new Grant("ReadUsersAndTags", Scope.ANY, List.of(Action.IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS)),
                new Grant("CredentialReportForRoot", Scope.ANY,
                        List.of(Action.IAM_GENERATE_CREDENTIAL_REPORT, Action.IAM_GET_CREDENTIAL_REPORT)),
                new Grant("ReadSigningCertificates", Scope.ACCOUNT_IAM_USERS,
                        List.of(Action.IAM_LIST_SIGNING_CERTIFICATES, Action.IAM_GET_USER)),
                new Grant("ReportEvaluations", Scope.ANY, List.of(Action.CONFIG_PUT_EVALUATIONS)),
                new Grant("ReadEarlierEvaluations", Scope.ACCOUNT_CONFIG_RULES,
                        List.of(Action.CONFIG_GET_COMPLIANCE_DETAILS_BY_CONFIG_RULE)))),
        /** The remediation: finds one user, reads the rule's parameters, deactivates stale certificates. */
        REMEDIATION(List.of(
                new Grant("ReadAndDeactivateCertificates", Scope.ACCOUNT_IAM_USERS, List.of(
                        Action.IAM_GET_USER, Action.IAM_LIST_SIGNING_CERTIFICATES, Action.IAM_UPDATE_SIGNING_CERTIFICATE)),
                // The fallback that maps a UserId to a user when Config has no record of it.
                new Grant("FindUserById", Scope.ANY, List.of(Action.IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS)),
                new Grant("MapResourceIdToUser", Scope.ANY, List.of(Action.CONFIG_LIST_DISCOVERED_RESOURCES)),
                new Grant("ReadRuleParameters", Scope.ACCOUNT_CONFIG_RULES, List.of(Action.CONFIG_DESCRIBE_CONFIG_RULES)))),
        /**
         * Not deployed: whoever runs {@code audit --organization} and {@code remediate --root} with the
         * management account's or a delegated administrator's credentials. It reads its own account like
         * the rule does, and every other account through the audit role there.
         */
        ORGANIZATION_AUDITOR(List.of(
                new Grant("ReadTheOrganization", Scope.ANY, List.of(Action.STS_GET_CALLER_IDENTITY,
                        Action.ORGANIZATIONS_LIST_ACCOUNTS, Action.ORGANIZATIONS_DESCRIBE_ORGANIZATION)),
                new Grant("ReadUsersAndCredentialReport", Scope.ANY, List.of(Action.IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS,
                        Action.IAM_GENERATE_CREDENTIAL_REPORT, Action.IAM_GET_CREDENTIAL_REPORT)),
                new Grant("ReadSigningCertificates", Scope.ACCOUNT_IAM_USERS, List.of(Action.IAM_LIST_SIGNING_CERTIFICATES)),
                new Grant("AssumeTheAuditRole", Scope.MEMBER_ACCOUNT_ROLES, List.of(Action.STS_ASSUME_ROLE)),
                new Grant("RootSessions", Scope.MEMBER_ACCOUNT_ROOTS, List.of(Action.STS_ASSUME_ROOT)),
                new Grant("InADeletionRootSession", Scope.ROOT_SESSION, List.of(Action.IAM_DELETE_SIGNING_CERTIFICATE))));

        private final List<Grant> grants;

        Function(List<Grant> grants) {
            this.grants = List.copyOf(grants);
        }

        public List<Grant> grants() {
            return grants;
        }

        public Set<Action> actions() {
            Set<Action> actions = EnumSet.noneOf(Action.class);
            grants.forEach(grant -> actions.addAll(grant.actions()));
            return actions;
        }

        /** The IAM names of {@link #actions()}, e.g. {@code iam:GetUser}. */
        public Set<String> iamNames() {
            return actions().stream().map(Action::iamName).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
