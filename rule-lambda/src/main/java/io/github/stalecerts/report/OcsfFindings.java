package io.github.stalecerts.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.PrincipalKind;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit as OCSF 1.5.0 Compliance Finding events (class_uid 2003, cloud profile): one per
 * principal judged, one per principal that could not be read (compliance status Warning, "no result
 * due to missing information", never a pass) and one per account that could not be audited. Compliance Finding carries what a Config
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
    static final int STATUS_PASS = 1;
    /** "did not yield a result due to missing information": a principal not read, an account not audited. */
    static final int STATUS_WARNING = 2;
    static final int STATUS_FAIL = 3;
    static final int STATUS_OTHER = 99;
    // severity_id
    static final int INFORMATIONAL = 1;
    static final int HIGH = 4;
    static final int CRITICAL = 5;
    /** The finding's own status_id 1: new, yet to be reviewed. */
    static final int FINDING_NEW = 1;
    /** finding_info.uid's account part when the account id is not known. */
    static final String UNKNOWN_ACCOUNT = "unknown-account";
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
        details(compliance, List.of(verdict.annotation()));
        boolean failed = verdict.compliance() == Compliance.NON_COMPLIANT;
        JsonObject event = event(run, productVersion, account, p.resourceType(), p.resourceId(), p.name(),
                failed ? severityOf(p.kind()) : INFORMATIONAL, compliance, verdict.annotation());
        if (failed) {
            JsonObject remediation = new JsonObject();
            remediation.addProperty("desc", p.kind() == PrincipalKind.ROOT_ACCOUNT
                    ? RemediationAdvice.forRoot(run, account)
                    : RemediationAdvice.forUser(run, p.name()));
            event.add("remediation", remediation);
        }
        return event;
    }

    private static JsonObject unreadFinding(AuditRun run, String productVersion, ReportedAccount account, Unreadable unread) {
        Principal p = unread.principal();
        JsonObject compliance = compliance(run.evaluator().parameters());
        status(compliance, STATUS_WARNING, "Warning", "NOT_READ");
        List<String> details = new ArrayList<>();
        details.add("not read, no verdict: " + unread.reason());
        account.result().flatMap(AuditResult::permissionProblem).ifPresent(details::add);
        details(compliance, details);
        return event(run, productVersion, account, p.resourceType(), p.resourceId(), p.name(), severityOf(p.kind()),
                compliance, "could not be read: " + unread.reason());
    }

    private static JsonObject accountNotAudited(AuditRun run, String productVersion, ReportedAccount account, String reason) {
        JsonObject compliance = compliance(run.evaluator().parameters());
        status(compliance, STATUS_WARNING, "Warning", "ACCOUNT_NOT_AUDITED");
        details(compliance, List.of("account not audited: " + reason));
        return event(run, productVersion, account, "AWS::Organizations::Account", account.accountId(), account.accountName(),
                HIGH, compliance, "account could not be audited: " + reason);
    }

    private static JsonObject event(AuditRun run, String productVersion, ReportedAccount account, String resourceType,
                                    String resourceId, String resourceName, int severityId, JsonObject compliance,
                                    String message) {
        long produced = run.producedAt().toEpochMilli();
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
        e.addProperty("time", produced);
        e.addProperty("message", message);
        e.addProperty("status_id", FINDING_NEW);
        e.addProperty("status", "New");

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

        JsonObject cloud = new JsonObject();
        cloud.addProperty("provider", "AWS");
        if (account.accountKnown()) {
            JsonObject accountObject = new JsonObject();
            accountObject.addProperty("uid", account.accountId());
            if (!account.accountName().isEmpty()) {
                accountObject.addProperty("name", account.accountName());
            }
            accountObject.addProperty("type_id", AWS_ACCOUNT);
            accountObject.addProperty("type", "AWS Account");
            cloud.add("account", accountObject);
        }
        e.add("cloud", cloud);

        JsonObject info = new JsonObject();
        info.addProperty("uid", CONTROL + "/" + (account.accountKnown() ? account.accountId() : UNKNOWN_ACCOUNT) + "/"
                + resourceType + "/" + resourceId);
        info.addProperty("title", "Stale IAM signing certificates: " + resourceName);
        info.addProperty("desc", account.accountKnown() ? message
                : message + " (account id unknown: the credential report gave no root account row with one)");
        info.addProperty("created_time", produced);
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
        // No OCSF attribute holds the instant a check judged at, which --as-of moves off the clock.
        JsonObject unmapped = new JsonObject();
        unmapped.addProperty("evaluation_time", run.evaluatedAt().toEpochMilli());
        e.add("unmapped", unmapped);
        return e;
    }

    private static JsonObject compliance(RuleParameters parameters) {
        JsonObject c = new JsonObject();
        c.addProperty("control", CONTROL);
        JsonArray params = new JsonArray();
        RemediationAdvice.parameters(parameters).forEach((name, value) -> {
            JsonObject kv = new JsonObject();
            kv.addProperty("name", name);
            kv.addProperty("value", value);
            params.add(kv);
        });
        c.add("control_parameters", params);
        return c;
    }

    private static void details(JsonObject compliance, List<String> details) {
        JsonArray array = new JsonArray();
        details.forEach(array::add);
        compliance.add("status_details", array);
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
