package io.github.stalecerts.rule;

import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.aws.AwsClients;
import io.github.stalecerts.config.RuleResults;
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;

/** Classes that break (or keep) the architecture rules, so ArchitectureTest can show its rules catch them. */
public final class ArchitectureFixtures {

    private ArchitectureFixtures() {
    }

    /** I/O in the rule. */
    public static final class ReadsAFile {
        public boolean exists(String path) {
            return new File(path).exists();
        }
    }

    /** The rule reaching into another package of the project. */
    public static final class UsesTheAudit {
        public Class<?> audit() {
            return AccountAudit.class;
        }
    }

    /** An SDK client built outside the factory. */
    public static final class BuildsAClient {
        public Object client() {
            return IamClient.builder().build();
        }
    }

    /** SDK clients asked for outside the entry points. */
    public static final class AsksForClients {
        public Object clients() {
            return AwsClients.fromEnvironment();
        }
    }

    /** A port's implementation named like a port, not for the SDK it calls. */
    public static final class ResultsSomewhere implements RuleResults {
        @Override
        public void report(List<Verdict> verdicts, Instant orderingTimestamp, String resultToken) {
        }

        @Override
        public Set<String> judgedResourceIds(String configRuleName, String resourceType, Instant before) {
            return Set.of();
        }
    }

    /** What the rule may use. */
    public static final class PlainRule {
        public List<Instant> instants() {
            return List.of(Instant.EPOCH);
        }
    }
}
