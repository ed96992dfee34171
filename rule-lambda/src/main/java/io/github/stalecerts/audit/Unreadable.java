package io.github.stalecerts.audit;

import io.github.stalecerts.rule.Principal;

/** A principal whose certificates could not be read: it gets no verdict, and the run fails. */
public record Unreadable(Principal principal, String reason) {
}
