package io.github.stalecerts.cli;

import io.github.stalecerts.organization.AccountOutcome;
import io.github.stalecerts.organization.OrganizationAudit;
import java.io.PrintStream;

/**
 * The organization audit's progress on stderr: on a terminal one line rewritten in place
 * (accounts done of total, non-compliant so far); otherwise (a pipe, a file, CI) one line per
 * finished account, which a log keeps readable.
 */
final class ProgressPrinter implements OrganizationAudit.Progress {

    private final PrintStream err;
    private final boolean terminal;
    private long nonCompliant;

    ProgressPrinter(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    void started(int total) {
        if (terminal && total > 0) {
            err.print(line(0, total));
            err.flush();
        }
    }

    @Override
    public void finished(AccountOutcome outcome, int done, int total) {
        nonCompliant += outcome.nonCompliant();
        if (terminal) {
            err.print(line(done, total));
            if (done == total) {
                err.println();
            }
            err.flush();
            return;
        }
        String what = outcome.failure()
                .map(reason -> "could not be audited: " + reason)
                .orElseGet(() -> "audited: " + outcome.users() + " user(s), " + outcome.nonCompliant()
                        + " non-compliant, " + outcome.unread() + " unread");
        err.println("account " + outcome.account().label() + " " + what + " [" + done + "/" + total + "]");
    }

    private String line(int done, int total) {
        return "\raudited " + done + " of " + total + " account(s), " + nonCompliant + " non-compliant so far";
    }
}
