package io.github.stalecerts.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.ActionCatalogue.Function;
import io.github.stalecerts.aws.ActionCatalogue.Grant;
import io.github.stalecerts.aws.ActionCatalogue.Scope;
import io.github.stalecerts.testing.CatalogueCheck;
import io.github.stalecerts.testing.FakeAws;
import io.github.stalecerts.testing.TestClients;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/** The catalogue's own consistency, and that the integration tests' check of it does catch a call outside it. */
class ActionCatalogueTest {

    @Test
    void aGrantHoldsActionsOfOneScopeOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Grant("Mixed", Scope.ANY,
                List.of(Action.CONFIG_PUT_EVALUATIONS, Action.IAM_GET_USER)));

        assertTrue(e.getMessage().contains("Mixed"), e.getMessage());
    }

    @Test
    void theRuleNeverChangesIamAndTheRemediationNeverReports() {
        assertFalse(Function.RULE.actions().contains(Action.IAM_UPDATE_SIGNING_CERTIFICATE));
        assertFalse(Function.REMEDIATION.actions().contains(Action.CONFIG_PUT_EVALUATIONS));
        assertEquals(Set.of("iam:GetUser", "iam:ListSigningCertificates", "iam:UpdateSigningCertificate",
                "iam:GetAccountAuthorizationDetails", "config:ListDiscoveredResources", "config:DescribeConfigRules"),
                Function.REMEDIATION.iamNames());
    }

    @Test
    void theCheckFailsOnACallOutsideTheFunctionsEntry() throws Exception {
        CatalogueCheck check = new CatalogueCheck(Function.RULE);
        try (FakeAws fake = new FakeAws(request -> FakeAws.Response.xml(
                "<UpdateSigningCertificateResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                        + "<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></UpdateSigningCertificateResponse>"));
             IamClient iam = TestClients.iam(fake.endpoint(), check)) {
            iam.updateSigningCertificate(r -> r.userName("alice").certificateId("CERT").status("Inactive"));
        }

        assertEquals(Set.of("iam:UpdateSigningCertificate"), check.operations());
        AssertionError e = assertThrows(AssertionError.class, () -> check.afterEach(null));
        assertTrue(e.getMessage().contains("iam:UpdateSigningCertificate"), e.getMessage());
    }
}
