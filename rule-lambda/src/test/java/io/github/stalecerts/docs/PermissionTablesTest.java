package io.github.stalecerts.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.aws.ActionCatalogue;
import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.ActionCatalogue.Function;
import io.github.stalecerts.aws.ActionCatalogue.Grant;
import io.github.stalecerts.aws.ActionCatalogue.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The permissions the docs write out, against {@link ActionCatalogue}, the list the roles are built from:
 * docs/operations.md's table and paragraph for the two functions' roles, and docs/organization-audit.md's
 * policies for the organization commands. An action added to, dropped from or moved in the catalogue fails
 * here until the docs follow.
 */
class PermissionTablesTest {

    private static final Pattern ACTION = Pattern.compile("`?((?:iam|config|sts|organizations):[A-Za-z]+)`?");

    private static String read(String doc) throws IOException {
        return Files.readString(Path.of("..", "docs", doc));
    }

    /** How the docs write a scope's resource: in a CloudFormation table, or in a policy for the aws partition. */
    private static String tableResource(Scope scope) {
        return switch (scope) {
            case ANY -> "`*`";
            case ACCOUNT_IAM_USERS -> "`arn:${Partition}:iam::${AccountId}:user/*`";
            case ACCOUNT_CONFIG_RULES -> "`arn:${Partition}:config:${Region}:${AccountId}:config-rule/*`";
            default -> throw new AssertionError("a deployed function holds no " + scope);
        };
    }

    private static String policyResource(Scope scope) {
        return switch (scope) {
            case ANY -> "*";
            case ACCOUNT_IAM_USERS -> "arn:aws:iam::*:user/*"; // a member role's policy: every account's users
            case MEMBER_ACCOUNT_ROOTS -> "arn:aws:iam::*:root";
            default -> throw new AssertionError("no policy in the docs grants " + scope);
        };
    }

    private static Scope scopeOf(String iamName) {
        return Arrays.stream(Action.values()).filter(a -> a.iamName().equals(iamName)).findFirst()
                .orElseThrow(() -> new AssertionError(iamName + " is not in the action catalogue")).scope();
    }

    @Test
    void theRuleRolesTableIsTheCatalogue() throws IOException {
        String operations = read("operations.md");
        int start = operations.indexOf("| actions | resource | why not narrower |");
        assertTrue(start > 0, "docs/operations.md has the rule role's table");
        Map<String, String> resourceOf = new TreeMap<>();
        for (String row : operations.substring(start).split("\n\n", 2)[0].split("\n")) {
            String[] cells = row.split("\\s*\\|\\s*");
            Matcher m = ACTION.matcher(cells.length > 1 ? cells[1] : "");
            while (m.find()) {
                assertNull(resourceOf.put(m.group(1), cells[2]), m.group(1) + " is in the table once");
            }
        }
        assertEquals(Function.RULE.iamNames(), resourceOf.keySet(), "the table's actions are the rule's, no more");
        resourceOf.forEach((action, resource) ->
                assertEquals(tableResource(scopeOf(action)), resource, action + "'s resource in the table"));
    }

    @Test
    void theRemediationRoleParagraphIsTheCatalogue() throws IOException {
        String operations = read("operations.md");
        int start = operations.indexOf("The remediation Lambda's role holds exactly");
        int end = operations.indexOf("It has no `iam:DeleteSigningCertificate`", start);
        assertTrue(start > 0 && end > start, "docs/operations.md describes the remediation role");
        Set<String> named = new TreeSet<>();
        Matcher m = ACTION.matcher(operations.substring(start, end));
        while (m.find()) {
            named.add(m.group(1));
        }
        assertEquals(Function.REMEDIATION.iamNames(), named);
        assertTrue(!Function.REMEDIATION.iamNames().contains("iam:DeleteSigningCertificate"), "as the docs say");
    }

    /** The JSON policies of docs/organization-audit.md, in order. */
    private static List<JsonObject> policies() throws IOException {
        List<JsonObject> policies = new ArrayList<>();
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(read("organization-audit.md"));
        while (m.find()) {
            policies.add(JsonParser.parseString(m.group(1)).getAsJsonObject());
        }
        return policies;
    }

    private static List<String> strings(JsonElement element) {
        if (element.isJsonArray()) {
            List<String> out = new ArrayList<>();
            ((JsonArray) element).forEach(e -> out.add(e.getAsString()));
            return out;
        }
        return List.of(element.getAsString());
    }

    /**
     * Every permission policy written out (the trust policy aside) grants only the auditor's catalogued actions,
     * each on its scope's resource; a statement named like a catalogue grant holds exactly that grant's actions
     * that need a permission; together with the sts:AssumeRole the text names, they cover the auditor's actions,
     * but those needing no permission and those a root session's task policy allows.
     */
    @Test
    void theOrganizationPoliciesAreTheAuditorsCatalogue() throws IOException {
        Set<String> needNoPermission = Set.of(Action.STS_GET_CALLER_IDENTITY.iamName());
        Map<String, Grant> grants = Function.ORGANIZATION_AUDITOR.grants().stream()
                .collect(Collectors.toMap(Grant::sid, g -> g));
        Set<String> written = new TreeSet<>();
        int statements = 0;
        for (JsonObject policy : policies()) {
            for (JsonElement element : policy.getAsJsonArray("Statement")) {
                JsonObject statement = element.getAsJsonObject();
                if (statement.has("Principal")) {
                    continue; // the member role's trust policy
                }
                statements++;
                List<String> actions = strings(statement.get("Action"));
                for (String action : actions) {
                    assertTrue(Function.ORGANIZATION_AUDITOR.iamNames().contains(action), action + " is the auditor's");
                    assertEquals(List.of(policyResource(scopeOf(action))), strings(statement.get("Resource")),
                            action + "'s resource in " + statement.get("Sid"));
                }
                Grant grant = grants.get(statement.get("Sid").getAsString());
                if (grant != null) {
                    assertEquals(grant.iamNames().stream().filter(a -> !needNoPermission.contains(a)).collect(Collectors.toSet()),
                            Set.copyOf(actions), "statement " + grant.sid() + " is the catalogue's grant");
                }
                written.addAll(actions);
            }
        }
        assertEquals(5, statements, "two statements of the member role, three of the auditor");
        written.add(Action.STS_ASSUME_ROLE.iamName()); // named in the text, on arn:aws:iam::*:role/<that role name>
        assertTrue(read("organization-audit.md").contains("`sts:AssumeRole` on `arn:aws:iam::*:role/<that role name>`"));
        Set<String> expected = Function.ORGANIZATION_AUDITOR.actions().stream()
                .filter(a -> a.scope() != Scope.ROOT_SESSION && !needNoPermission.contains(a.iamName()))
                .map(Action::iamName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, written);
    }

    /** The paragraph on the auditing principal's own permissions names every organization action it calls. */
    @Test
    void theAuditorsParagraphNamesItsOrganizationActions() throws IOException {
        String doc = read("organization-audit.md");
        int start = doc.indexOf("The auditing principal itself needs");
        int end = doc.indexOf("\n\n", start);
        assertTrue(start > 0 && end > start, "docs/organization-audit.md says what the auditing principal needs");
        Set<String> named = new TreeSet<>();
        Matcher m = ACTION.matcher(doc.substring(start, end));
        while (m.find()) {
            named.add(m.group(1));
        }
        Set<String> organizationActions = Function.ORGANIZATION_AUDITOR.iamNames().stream()
                .filter(a -> a.startsWith("organizations:")).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(named.containsAll(organizationActions), "named " + named + ", calls " + organizationActions);
    }
}
