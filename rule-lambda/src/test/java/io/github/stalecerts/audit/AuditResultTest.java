package io.github.stalecerts.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.stalecerts.rule.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditResultTest {

    private final AuditResult result = new AuditResult(List.of(),
            List.of(new Unreadable(Principal.user("AIDAALICE", "alice,=+@", null), "iam:ListSigningCertificates was denied"),
                    new Unreadable(Principal.rootAccount("111122223333"), "the root row did not parse")),
            Set.of(), List.of());

    @Test
    void everyUnreadPrincipalGetsOneJsonLine() {
        List<String> lines = result.unreadableLines();

        assertEquals(2, lines.size());
        JsonObject alice = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals("principal not read", alice.get("event").getAsString());
        assertEquals("AWS::IAM::User", alice.get("resourceType").getAsString());
        assertEquals("AIDAALICE", alice.get("resourceId").getAsString());
        assertEquals("alice,=+@", alice.get("resourceName").getAsString());
        assertEquals("iam:ListSigningCertificates was denied", alice.get("reason").getAsString());
        assertEquals(false, alice.has("accountId"));
        assertEquals("AWS::::Account", JsonParser.parseString(lines.get(1)).getAsJsonObject().get("resourceType").getAsString());
    }

    @Test
    void linesNameTheAccountWhenItIsKnown() {
        for (String line : result.unreadableLines(Optional.of("444455556666"))) {
            assertEquals("444455556666", JsonParser.parseString(line).getAsJsonObject().get("accountId").getAsString());
        }
    }
}
