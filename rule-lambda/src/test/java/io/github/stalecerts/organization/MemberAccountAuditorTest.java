package io.github.stalecerts.organization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.stalecerts.audit.AuditResult;
import io.github.stalecerts.audit.Unreadable;
import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Putting a root session's verdict (or the report's, labelled) into an account's result loses nothing else. */
class MemberAccountAuditorTest {

    private static final String ACCOUNT = "111122223333";
    private static final Unreadable DENIED_ALICE = new Unreadable(Principal.user("AIDAALICE", "alice", null),
            "iam:ListSigningCertificates was denied for this user");
    private static final AuditResult EVERY_LISTING_DENIED = new AuditResult(
            List.of(new Verdict(Principal.rootAccount(ACCOUNT), Compliance.COMPLIANT, "no active signing certificate")),
            List.of(DENIED_ALICE), Set.of("AIDAALICE"), List.of("a warning"),
            Optional.of("every iam:ListSigningCertificates call in this run was denied"));

    @Test
    void aRootVerdictFromASessionKeepsTheUsersUnreadAndThePermissionDiagnosis() {
        Verdict fromSession = new Verdict(Principal.rootAccount(ACCOUNT), Compliance.NON_COMPLIANT, "stale");

        AuditResult result = MemberAccountAuditor.replaceRoot(EVERY_LISTING_DENIED, Optional.of(fromSession), Optional.empty());

        assertEquals(List.of(fromSession), result.verdicts());
        assertEquals(List.of(DENIED_ALICE), result.unreadable());
        assertEquals(EVERY_LISTING_DENIED.permissionProblem(), result.permissionProblem());
        assertEquals(List.of("a warning"), result.warnings());
    }

    @Test
    void aRootJudgedFromTheReportKeepsThePermissionDiagnosis() {
        AuditResult result = MemberAccountAuditor.labelReportRoot(EVERY_LISTING_DENIED, List.of("a note"));

        assertEquals(MemberAccountAuditor.FROM_CREDENTIAL_REPORT + "no active signing certificate",
                result.verdicts().get(0).annotation());
        assertEquals(EVERY_LISTING_DENIED.permissionProblem(), result.permissionProblem());
        assertEquals(List.of("a warning", "a note"), result.warnings());
    }

    /** The report leaves a root unread when its row fills additional_credentials_info; a root session settles it. */
    private static final Unreadable ROOT_UNREAD = new Unreadable(Principal.rootAccount(ACCOUNT),
            "the credential report's <root_account> row fills additional_credentials_info");
    private static final AuditResult ROOT_UNREAD_BY_REPORT = new AuditResult(
            List.of(new Verdict(Principal.user("AIDABOB", "bob", null), Compliance.COMPLIANT, "no active signing certificate")),
            List.of(ROOT_UNREAD), Set.of("AIDABOB"), List.of(), Optional.empty());

    @Test
    void aRootSessionSettlesARootTheReportLeftUnread() {
        Verdict fromSession = new Verdict(Principal.rootAccount(ACCOUNT), Compliance.COMPLIANT, "[root session] fresh");

        AuditResult result = MemberAccountAuditor.replaceRoot(ROOT_UNREAD_BY_REPORT, Optional.of(fromSession), Optional.empty());

        assertEquals(List.of(), result.unreadable());
        assertEquals(fromSession, result.verdicts().get(1));
        assertEquals(2, result.verdicts().size());
    }

    @Test
    void withoutARootSessionTheRootTheReportLeftUnreadStaysUnread() {
        AuditResult result = MemberAccountAuditor.labelReportRoot(ROOT_UNREAD_BY_REPORT, List.of("no root session"));

        assertEquals(List.of(ROOT_UNREAD), result.unreadable());
        assertEquals(1, result.verdicts().size(), "no root verdict appears");
    }

    @Test
    void aRefusedRootSessionSaysWhetherTheReportJudgedTheRootOrLeftItUnread() {
        assertEquals("the root account was judged from the credential report: AccessDenied",
                MemberAccountAuditor.refusedSessionNote(EVERY_LISTING_DENIED, "AccessDenied"));
        assertEquals("the root account stays unread (no root session): AccessDenied",
                MemberAccountAuditor.refusedSessionNote(ROOT_UNREAD_BY_REPORT, "AccessDenied"));
    }
}
