package io.github.stalecerts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.testing.MotoAccount;
import io.github.stalecerts.testing.MotoServer;
import io.github.stalecerts.testing.TestClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

/** {@code remediate --user NAME [--dry-run]} against moto server, in-process. */
@ExtendWith(MotoServer.class)
class RemediateCommandIT {

    private IamClient iam;
    private MotoAccount account;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void seed() {
        iam = TestClients.iam(MotoServer.endpoint());
        account = new MotoAccount(iam);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> iam);
    }

    private String status(String user, String certificateId) {
        return iam.listSigningCertificates(r -> r.userName(user)).certificates().stream()
                .filter(c -> c.certificateId().equals(certificateId)).findFirst().orElseThrow().statusAsString();
    }

    @Test
    void dryRunSaysWhatWouldChangeThenTheRealRunDoesIt() {
        account.user("alice");
        String fresh = account.certificate("alice", Instant.now().plus(Duration.ofDays(400)));
        String expiring = account.certificate("alice", Instant.now().plus(Duration.ofDays(3)));

        assertEquals(0, run("remediate", "--user", "alice", "--dry-run"));
        assertTrue(out.toString().contains("would deactivate " + expiring), out.toString());
        assertTrue(out.toString().contains("kept (fresh) " + fresh), out.toString());
        assertEquals("Active", status("alice", expiring));

        assertEquals(0, run("remediate", "--user", "alice"));
        assertTrue(out.toString().startsWith("DEACTIVATED: deactivated 1 stale certificate(s) of alice"), out.toString());
        assertEquals("Inactive", status("alice", expiring));
        assertEquals("Active", status("alice", fresh));

        assertEquals(0, run("remediate", "--user", "alice"));
        assertTrue(out.toString().startsWith("NOTHING_STALE"), out.toString());
    }

    @Test
    void badArgumentsAndUnknownUsers() {
        assertEquals(2, run("remediate"));
        assertTrue(err.toString().contains("--user NAME is required"), err.toString());
        assertEquals(2, run("remediate", "--user", "a", "--param", "expiryWarningDays=-1"));
        assertTrue(err.toString().contains("expiryWarningDays must be a whole number of days from 0 to 3650"), err.toString());
        assertEquals(2, run("rotate"));
        assertTrue(err.toString().contains("unknown command 'rotate'"), err.toString());
        assertEquals(1, run("remediate", "--user", "nobody"));
        assertTrue(out.toString().contains("USER_NOT_FOUND"), out.toString());
    }
}
