package io.github.stalecerts.rule;

/** The compliance types this rule reports; names match Config's ComplianceType values. */
public enum Compliance {
    COMPLIANT,
    NON_COMPLIANT,
    NOT_APPLICABLE
}
