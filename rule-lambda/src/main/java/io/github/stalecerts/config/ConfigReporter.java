package io.github.stalecerts.config;

import io.github.stalecerts.aws.ActionCatalogue.Action;
import io.github.stalecerts.aws.AwsErrors;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.rule.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.Evaluation;
import software.amazon.awssdk.services.config.model.PutEvaluationsResponse;

/**
 * Reports verdicts to Config with PutEvaluations: batches of at most 100, failed evaluations
 * retried a few times and then reported as an error naming them.
 */
public final class ConfigReporter {

    /** PutEvaluations' limit per call. */
    static final int BATCH_SIZE = 100;
    static final int MAX_ATTEMPTS = 3;

    private final ConfigClient config;
    private final Sleeper sleeper;

    public ConfigReporter(ConfigClient config, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public void report(List<Verdict> verdicts, Instant orderingTimestamp, String resultToken) {
        boolean testMode = Invocation.TEST_MODE_TOKEN.equals(resultToken);
        List<Evaluation> evaluations = verdicts.stream().map(v -> evaluation(v, orderingTimestamp)).toList();
        for (int start = 0; start < evaluations.size(); start += BATCH_SIZE) {
            put(evaluations.subList(start, Math.min(start + BATCH_SIZE, evaluations.size())), resultToken, testMode);
        }
    }

    private void put(List<Evaluation> batch, String resultToken, boolean testMode) {
        List<Evaluation> pending = batch;
        for (int attempt = 1; ; attempt++) {
            List<Evaluation> toSend = pending;
            PutEvaluationsResponse response = AwsErrors.call(Action.CONFIG_PUT_EVALUATIONS, () -> config.putEvaluations(r -> r
                    .evaluations(toSend).resultToken(resultToken).testMode(testMode)));
            if (!response.hasFailedEvaluations() || response.failedEvaluations().isEmpty()) {
                return;
            }
            Set<String> failed = response.failedEvaluations().stream()
                    .map(e -> e.complianceResourceType() + "/" + e.complianceResourceId())
                    .collect(Collectors.toSet());
            pending = new ArrayList<>(toSend.stream()
                    .filter(e -> failed.contains(e.complianceResourceType() + "/" + e.complianceResourceId()))
                    .toList());
            if (attempt == MAX_ATTEMPTS || pending.isEmpty()) {
                throw new ReportingException("Config did not accept " + failed.size() + " evaluation(s) after "
                        + attempt + " attempts, e.g. " + failed.stream().sorted().limit(5).toList());
            }
            sleeper.sleep(Duration.ofSeconds(attempt));
        }
    }

    static Evaluation evaluation(Verdict verdict, Instant orderingTimestamp) {
        return Evaluation.builder()
                .complianceResourceType(verdict.principal().resourceType())
                .complianceResourceId(verdict.principal().resourceId())
                .complianceType(ComplianceType.fromValue(verdict.compliance().name()))
                .annotation(verdict.annotation().isEmpty() ? null : verdict.annotation())
                .orderingTimestamp(orderingTimestamp)
                .build();
    }
}
