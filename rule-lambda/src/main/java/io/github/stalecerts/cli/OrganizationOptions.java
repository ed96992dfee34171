package io.github.stalecerts.cli;

import io.github.stalecerts.rule.WholeNumbers;
import java.util.Set;

/**
 * How to audit the organization.
 *
 * @param roleName    the role assumed in every account but the caller's
 * @param accounts    the account ids to audit; empty means every active account
 * @param concurrency accounts audited at once
 * @param summary     print the per-account summary after the table (no --format given)
 * @param rootSession read every member's root user through a root session (AssumeRoot)
 */
record OrganizationOptions(String roleName, Set<String> accounts, int concurrency, boolean summary, boolean rootSession) {

    static final int DEFAULT_CONCURRENCY = 4;
    static final int MAX_CONCURRENCY = 32;
    static final WholeNumbers CONCURRENCY = new WholeNumbers(1, MAX_CONCURRENCY);

    OrganizationOptions {
        accounts = Set.copyOf(accounts);
    }
}
