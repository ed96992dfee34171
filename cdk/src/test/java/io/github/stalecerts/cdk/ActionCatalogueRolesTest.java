package io.github.stalecerts.cdk;

import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.logicalId;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.properties;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.resourcesByAction;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.stack;
import static io.github.stalecerts.cdk.StaleSigningCertificatesStackTest.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.aws.ActionCatalogue;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.IRole;

/**
 * The synthesized roles grant exactly the actions of the rule's action catalogue (the list the
 * code's AWS calls are named from), each on the resource its scope names, plus the function's own
 * log stream.
 */
class ActionCatalogueRolesTest {

    private static final Set<String> LOGGING = Set.of("logs:CreateLogStream", "logs:PutLogEvents");

    private static void assertRoleIsTheCatalogue(StaleSigningCertificatesStack stack, Template template, IRole role,
                                                 ActionCatalogue.Function function) {
        Map<String, Set<String>> granted = new TreeMap<>(resourcesByAction(properties(template, logicalId(stack, role))));
        granted.keySet().removeAll(LOGGING);

        assertEquals(function.iamNames(), new TreeSet<>(granted.keySet()), function + " role vs catalogue");
        for (ActionCatalogue.Action action : function.actions()) {
            Set<String> resources = granted.get(action.iamName());
            assertEquals(1, resources.size(), action + " " + resources);
            String resource = resources.iterator().next();
            switch (action.scope()) {
                case ANY -> assertEquals("*", resource, action.iamName());
                case ACCOUNT_IAM_USERS -> assertTrue(resource.contains(":iam::") && resource.contains("AWS::AccountId")
                        && resource.contains(":user/*"), action + " " + resource);
                case ACCOUNT_CONFIG_RULES -> assertTrue(resource.contains(":config:") && resource.contains("AWS::Region")
                        && resource.contains("AWS::AccountId") && resource.contains(":config-rule/*"), action + " " + resource);
            }
        }
    }

    @Test
    void theRuleRoleIsItsCatalogueEntry() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        assertRoleIsTheCatalogue(stack, template(stack), stack.role(), ActionCatalogue.Function.RULE);
    }

    @Test
    void theRemediationRoleIsItsCatalogueEntry() {
        StaleSigningCertificatesStack stack = stack(Map.of());
        assertRoleIsTheCatalogue(stack, template(stack), stack.remediation().function().getRole(),
                ActionCatalogue.Function.REMEDIATION);
    }

    @Test
    void everyCatalogueActionIsGrantedToAFunction() {
        Set<ActionCatalogue.Action> used = new TreeSet<>();
        for (ActionCatalogue.Function function : ActionCatalogue.Function.values()) {
            used.addAll(function.actions());
        }
        assertEquals(Set.of(ActionCatalogue.Action.values()), used, "no action in the catalogue that no function uses");
    }
}
