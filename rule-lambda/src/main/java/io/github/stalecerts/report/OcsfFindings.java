package io.github.stalecerts.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.Verdict;

/**
 * The audit as OCSF 1.5.0 Compliance Finding events (class_uid 2003, cloud profile): one per
 * principal judged, one per principal that could not be read (compliance status Unknown, never a
 * pass) and one per account that could not be audited. Compliance Finding carries what a Config
 * rule's result is (a control, its parameters since OCSF 1.4.0, a status per resource); Detection
 * Finding is for threats, not configuration checks. docs/usage.md says why 1.5.0.
 */
public final class OcsfFindings {

    public static final String OCSF_VERSION = "1.5.0";
    /** The control: the Config rule's default name, as Security Hub CSPM titles its findings. */
    public static final String CONTROL = "stale-signing-certificates";
    static final int CLASS_UID = 2003;
    static final int CATEGORY_UID = 2;
    static final int ACTIVITY_CREATE = 1;
    // compliance.status_id
    static final int STATUS_UNKNOWN = 0;
    static final int STATUS_PASS = 1;
    static final int STATUS_FAIL = 3;
    static final int STATUS_OTHER = 99;
    // severity_id
    static final int INFORMATIONAL = 1;
    static final int HIGH = 4;
    static final int CRITICAL = 5;
    /** OCSF account type_id 10: an AWS account. */
    static final int AWS_ACCOUNT = 10;

    private OcsfFindings() {
    }

    /** The findings as one JSON array. */
    public static String render(AuditRun run, String productVersion) {
        JsonArray findings = new JsonArray();
        for (ReportedAccount account : run.accounts()) {
            for (Verdict verdict : account.verdicts()) {
                findings.add(verdictFinding(run, productVersion, account, verdict));
            }
            for (Unreadable unread : account.unreadable()) {
                findings.add(unreadFinding(run, productVersion, account, unread));
            }
            account.failure().ifPresent(reason -> findings.add(accountNotAudited(run, productVersion, account, reason)));
        }
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(findings) + "\n";
    }

    private static JsonObject verdictFinding(AuditRun run, String productVersion, ReportedAccount account, Verdict verdict) {
        Principal p = verdict.principal();
        JsonObject compliance = compliance(run.evaluator().parameters());
        switch (verdict.compliance()) {
            case NON_COMPLIANT -> status(compliance, STATUS_FAIL, "Fail", "NON_COMPLIANT");
            case COMPLIANT -> status(compliance, STATUS_PASS, "Pass", "COMPLIANT");
            case NOT_APPLICABLE -> status(compliance, STATUS_OTHER, "Not applicable", "NOT_APPLICABLE");
        }
        compliance.addProperty("status_detail", verdict.annotation());
        boolean failed = verdict.compliance() == Compliance.NON_COMPLIANT;
        JsonObject event = event(run, productVersion, account, p.resourceType(), p.resourceId(), p.name(),
                failed ? severityOf(p.kind()) : INFORMATIONAL, compliance, verdict.annotation());
        if (failed) {
            JsonObject remediation = new JsonObject();
            remediation.addProperty("desc", p.kind() == PrincipalKind.ROOT_ACCOUNT
                    ? "Deactivate the stale certificate: `remediate --root --account " + account.accountId()
                            + "` from the management account (centralized root access), or sign in as the root user,"
                            + " Security credentials, X.509 certificates, Make inactive."
                    : "Deactivate the stale certificates: `remediate --user <name>` with the account's credentials,"
                            + " or in the account's AWS Config console, rule " + CONTROL + ", select the user, Remediate.");
            event.add("remediation", remediation);
        }
        return event;
    }

    private static JsonObject unreadFinding(AuditRun run, String productVersion, ReportedAccount account, Unreadable unread) {
        Principal p = unread.principal();
        JsonObject compliance = compliance(run.evaluator().parameters());
        status(compliance, STATUS_UNKNOWN, "Unknown", "NOT_READ");
        compliance.addProperty("status_detail", "not read, no verdict: " + unread.reason());
        return event(run, productVersion, account, p.resourceType(), p.resourceId(), p.name(), severityOf(p.kind()),
                compliance, "could not be read: " + unread.reason());
    }

    private static JsonObject accountNotAudited(AuditRun run, String productVersion, ReportedAccount account, String reason) {
        JsonObject compliance = compliance(run.evaluator().parameters());
        status(compliance, STATUS_UNKNOWN, "Unknown", "ACCOUNT_NOT_AUDITED");
        compliance.addProperty("status_detail", "account not audited: " + reason);
        return event(run, productVersion, account, "AWS::Organizations::Account", account.accountId(), account.accountName(),
                HIGH, compliance, "account could not be audited: " + reason);
    }

    private static JsonObject event(AuditRun run, String productVersion, ReportedAccount account, String resourceType,
                                    String resourceId, String resourceName, int severityId, JsonObject compliance,
                                    String message) {
        long time = run.evaluator().evaluationTime().toEpochMilli();
        JsonObject e = new JsonObject();
        e.addProperty("class_uid", CLASS_UID);
        e.addProperty("class_name", "Compliance Finding");
        e.addProperty("category_uid", CATEGORY_UID);
        e.addProperty("category_name", "Findings");
        e.addProperty("activity_id", ACTIVITY_CREATE);
        e.addProperty("activity_name", "Create");
        e.addProperty("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
        e.addProperty("type_name", "Compliance Finding: Create");
        e.addProperty("severity_id", severityId);
        e.addProperty("severity", switch (severityId) {
            case CRITICAL -> "Critical";
            case HIGH -> "High";
            default -> "Informational";
        });
        e.addProperty("time", time);
        e.addProperty("message", message);

        JsonObject product = new JsonObject();
        product.addProperty("name", "stale-signing-certificates audit");
        product.addProperty("vendor_name", "stale-signing-certificates");
        product.addProperty("version", productVersion);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("version", OCSF_VERSION);
        metadata.add("product", product);
        JsonArray profiles = new JsonArray();
        profiles.add("cloud");
        metadata.add("profiles", profiles);
        e.add("metadata", metadata);

        JsonObject accountObject = new JsonObject();
        accountObject.addProperty("uid", account.accountId());
        if (!account.accountName().isEmpty()) {
            accountObject.addProperty("name", account.accountName());
        }
        accountObject.addProperty("type_id", AWS_ACCOUNT);
        accountObject.addProperty("type", "AWS Account");
        JsonObject cloud = new JsonObject();
        cloud.addProperty("provider", "AWS");
        cloud.add("account", accountObject);
        e.add("cloud", cloud);

        JsonObject info = new JsonObject();
        info.addProperty("uid", CONTROL + "/" + account.accountId() + "/" + resourceType + "/" + resourceId);
        info.addProperty("title", "Stale IAM signing certificates: " + resourceName);
        info.addProperty("desc", message);
        info.addProperty("created_time", time);
        JsonArray types = new JsonArray();
        types.add("Software and Configuration Checks/AWS Security Best Practices");
        info.add("types", types);
        e.add("finding_info", info);

        JsonObject resource = new JsonObject();
        resource.addProperty("type", resourceType);
        resource.addProperty("uid", resourceId);
        resource.addProperty("name", resourceName);
        JsonArray resources = new JsonArray();
        resources.add(resource);
        e.add("resources", resources);
        e.add("compliance", compliance);
        return e;
    }

    private static JsonObject compliance(RuleParameters parameters) {
        JsonObject c = new JsonObject();
        c.addProperty("control", CONTROL);
        JsonArray params = new JsonArray();
        param(params, RuleParameters.MAX_CERTIFICATE_AGE_DAYS, Integer.toString(parameters.maxCertificateAgeDays()));
        param(params, RuleParameters.EXPIRY_WARNING_DAYS, Integer.toString(parameters.expiryWarningDays()));
        param(params, RuleParameters.ROOT_CERTIFICATE_POLICY, parameters.rootCertificatePolicy().name().toLowerCase());
        parameters.exemptTagKey().ifPresent(key -> param(params, RuleParameters.EXEMPT_TAG_KEY, key));
        c.add("control_parameters", params);
        return c;
    }

    private static void param(JsonArray params, String name, String value) {
        JsonObject kv = new JsonObject();
        kv.addProperty("name", name);
        kv.addProperty("value", value);
        params.add(kv);
    }

    private static void status(JsonObject compliance, int id, String caption, String code) {
        compliance.addProperty("status_id", id);
        compliance.addProperty("status", caption);
        compliance.addProperty("status_code", code);
    }

    /** As the stack's Security Hub CSPM automation rules set it for a failed finding: users HIGH, root CRITICAL. */
    static int severityOf(PrincipalKind kind) {
        return kind == PrincipalKind.ROOT_ACCOUNT ? CRITICAL : HIGH;
    }
}
