package io.github.stalecerts.report;

import io.github.stalecerts.rule.Compliance;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.SigningCertificate;
import io.github.stalecerts.rule.Verdict;
import java.util.List;

/**
 * A certificate the report's charts count: active, of a judged principal (an exempt user's or a deleted
 * one's are not the rule's concern), with the principal it belongs to.
 */
record ChartedCertificate(Principal principal, SigningCertificate certificate) {

    static List<ChartedCertificate> of(List<Verdict> verdicts) {
        return verdicts.stream()
                .filter(verdict -> verdict.compliance() != Compliance.NOT_APPLICABLE)
                .flatMap(verdict -> verdict.certificates().stream()
                        .filter(SigningCertificate::active)
                        .map(certificate -> new ChartedCertificate(verdict.principal(), certificate)))
                .toList();
    }
}
