package io.github.stalecerts.organization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which accounts of the organization an audit covers.
 *
 * @param audited          the active accounts in scope, by id
 * @param skipped          accounts in scope that are not active (suspended, closing, closed)
 * @param notActiveMembers requested ids that are not an active account of the organization
 */
public record AccountSelection(List<MemberAccount> audited, List<MemberAccount> skipped, List<String> notActiveMembers) {

    public AccountSelection {
        audited = List.copyOf(audited);
        skipped = List.copyOf(skipped);
        notActiveMembers = List.copyOf(notActiveMembers);
    }

    /** @param requested the ids asked for; empty means every account */
    public static AccountSelection of(List<MemberAccount> accounts, Set<String> requested) {
        Map<String, MemberAccount> byId = accounts.stream()
                .collect(Collectors.toMap(MemberAccount::id, Function.identity(), (a, b) -> a));
        List<MemberAccount> audited = new ArrayList<>();
        List<MemberAccount> skipped = new ArrayList<>();
        List<String> notActiveMembers = new ArrayList<>();
        if (requested.isEmpty()) {
            byId.values().forEach(a -> (a.active() ? audited : skipped).add(a));
        } else {
            for (String id : new TreeSet<>(requested)) {
                MemberAccount account = byId.get(id);
                if (account == null || !account.active()) {
                    notActiveMembers.add(id + (account == null ? " (not in the organization)" : " (" + account.state() + ")"));
                } else {
                    audited.add(account);
                }
            }
        }
        audited.sort(Comparator.comparing(MemberAccount::id));
        skipped.sort(Comparator.comparing(MemberAccount::id));
        return new AccountSelection(audited, skipped, notActiveMembers);
    }
}
