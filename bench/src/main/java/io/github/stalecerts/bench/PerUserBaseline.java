package io.github.stalecerts.bench;

import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.config.ConfigReporter;
import io.github.stalecerts.iam.X509Bodies;
import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Principal;
import io.github.stalecerts.rule.RuleParameters;
import io.github.stalecerts.rule.SigningCertificate;
import io.github.stalecerts.rule.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;

/**
 * The straightforward per-user method, kept here only as the benchmark's baseline: ListUsers
 * (paged, 1,000 per page, the most IAM allows, which favours the baseline), then
 * ListSigningCertificates for EVERY user, then PutEvaluations in batches of 100 (TestMode).
 * It judges with the rule's own Evaluator and reports with the rule's own ConfigReporter, so the
 * only difference measured is how the account is read.
 */
final class PerUserBaseline {

    private final IamClient iam;
    private final ConfigClient config;

    PerUserBaseline(IamClient iam, ConfigClient config) {
        this.iam = iam;
        this.config = config;
    }

    /** @return the number of verdicts reported */
    int run(String resultToken) {
        Evaluator evaluator = new Evaluator(RuleParameters.DEFAULTS, Clock.systemUTC());
        List<Verdict> verdicts = new ArrayList<>();
        for (User user : iam.listUsersPaginator(r -> r.maxItems(1000)).users()) {
            List<SigningCertificate> certificates = new ArrayList<>(2);
            iam.listSigningCertificatesPaginator(r -> r.userName(user.userName())).certificates().forEach(c ->
                    certificates.add(new SigningCertificate(c.certificateId(), "Active".equals(c.statusAsString()),
                            c.uploadDate(), Optional.of(X509Bodies.notAfter(c.certificateId(), c.certificateBody())))));
            verdicts.add(evaluator.evaluate(Principal.user(user.userId(), user.userName(), Map.of()), certificates));
        }
        new ConfigReporter(config, Sleeper.REAL).report(verdicts, Instant.now(), resultToken);
        return verdicts.size();
    }
}
