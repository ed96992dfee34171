package io.github.stalecerts.config;

import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.AwsErrors;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.EvaluationResultQualifier;

/**
 * The resources this rule has judged COMPLIANT or NON_COMPLIANT before. A periodic run reports
 * the ones it no longer sees as NOT_APPLICABLE; otherwise a deleted user would keep its old
 * verdict in Config and Security Hub CSPM forever.
 */
public final class EarlierResults {

    /** GetComplianceDetailsByConfigRule's largest page. */
    static final int PAGE_SIZE = 100;

    private final ConfigClient config;

    public EarlierResults(ConfigClient config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Resource ids of the given type with a COMPLIANT or NON_COMPLIANT result for the rule ordered
     * before {@code before}: a user created after this run read the users, and judged since by a change
     * notification, is not this run's to retire.
     */
    public Set<String> judgedResourceIds(String configRuleName, String resourceType, Instant before) {
        Set<String> ids = new LinkedHashSet<>();
        AwsErrors.call(Action.CONFIG_GET_COMPLIANCE_DETAILS_BY_CONFIG_RULE, () -> {
            config.getComplianceDetailsByConfigRulePaginator(r -> r
                            .configRuleName(configRuleName)
                            .complianceTypes(ComplianceType.COMPLIANT, ComplianceType.NON_COMPLIANT)
                            .limit(PAGE_SIZE))
                    .evaluationResults()
                    .forEach(result -> {
                        EvaluationResultQualifier qualifier =
                                result.evaluationResultIdentifier().evaluationResultQualifier();
                        Instant ordered = result.evaluationResultIdentifier().orderingTimestamp();
                        if (resourceType.equals(qualifier.resourceType()) && (ordered == null || ordered.isBefore(before))) {
                            ids.add(qualifier.resourceId());
                        }
                    });
            return null;
        });
        return ids;
    }
}
