package io.github.stalecerts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.github.stalecerts.aws.AwsClients;
import io.github.stalecerts.config.AwsRuleResults;
import io.github.stalecerts.config.RuleResults;
import io.github.stalecerts.iam.IamDirectory;
import io.github.stalecerts.remediation.UserNames;
import io.github.stalecerts.rule.ArchitectureFixtures;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;

/**
 * The package layering, checked on the compiled main classes (docs/architecture.md has the map):
 * {@code rule} is plain Java; the AWS SDK stays behind the {@code iam}/{@code config} adapters and
 * the entry points; SDK clients are built only by the entry points; no package cycles.
 */
@AnalyzeClasses(packages = "io.github.stalecerts", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The rule: no AWS SDK, no Gson, no java.io / java.net, no other package of the project. */
    @ArchTest
    static final ArchRule RULE_IS_PLAIN_JAVA = classes().that().resideInAPackage("io.github.stalecerts.rule..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "io.github.stalecerts.rule..", "java.lang..", "java.util..", "java.time..", "java.math..")
            .because("the rule is judged by pure-Java tests and may not reach outside itself");

    /** The audit and the remediation reach IAM and Config only through their ports. */
    @ArchTest
    static final ArchRule LOGIC_DOES_NOT_SEE_THE_SDK = noClasses()
            .that().resideInAnyPackage("io.github.stalecerts.audit..", "io.github.stalecerts.remediation..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("they are tested over in-memory IAM and Config");

    /** The reports render a finished run: no AWS SDK and no adapter, so they are tested on plain values. */
    @ArchTest
    static final ArchRule REPORTS_DO_NOT_SEE_AWS = noClasses().that().resideInAPackage("io.github.stalecerts.report..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "io.github.stalecerts.aws..",
                    "io.github.stalecerts.iam..", "io.github.stalecerts.config..", "io.github.stalecerts.organization..")
            .because("a report is a pure function of the verdicts, the unread principals and the rule");

    /** A port keeps the plain domain name; a class implementing one over the SDK says so (docs/architecture.md). */
    @ArchTest
    static final ArchRule PORT_IMPLEMENTATIONS_ARE_NAMED_AWS = classes()
            .that().implement(IamDirectory.class).or().implement(IamDirectory.PendingReport.class)
            .or().implement(RuleResults.class).or().implement(UserNames.class)
            .should().haveSimpleNameStartingWith("Aws")
            .because("the port's name is the domain's; its SDK implementation is named for AWS (tests implement it in memory)");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.github.stalecerts.(*)..").should().beFreeOfCycles();

    /** Only the entry points reach for the entry points. */
    @ArchTest
    static final ArchRule ENTRY_POINTS_ARE_LEAVES = noClasses()
            .that().resideOutsideOfPackages("io.github.stalecerts.handler..", "io.github.stalecerts.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.stalecerts.handler..", "io.github.stalecerts.cli..");

    /** SDK clients are built only by the entry points and the one factory they call, {@link AwsClients}... */
    @ArchTest
    static final ArchRule CLIENTS_ARE_BUILT_BY_ENTRY_POINTS = noClasses()
            .that().resideOutsideOfPackages("io.github.stalecerts.handler..", "io.github.stalecerts.cli..")
            .and().doNotHaveFullyQualifiedName(AwsClients.class.getName())
            .should().callMethodWhere(buildsAnSdkClient())
            .because("clients are built once, with the region from the environment and the URLConnection HTTP client");

    /** ...and only the entry points ask the factory for clients. */
    @ArchTest
    static final ArchRule ONLY_ENTRY_POINTS_MAKE_CLIENTS = noClasses()
            .that().resideOutsideOfPackages("io.github.stalecerts.handler..", "io.github.stalecerts.cli..")
            .and().doNotHaveFullyQualifiedName(AwsClients.class.getName())
            .should().callMethodWhere(DescribedPredicate.describe("a factory method of AwsClients", call ->
                    call.getTargetOwner().isEquivalentTo(AwsClients.class)
                            && call.getTarget().resolveMember().map(m -> m.getModifiers().contains(JavaModifier.STATIC)).orElse(false)));

    private static DescribedPredicate<JavaCall<?>> buildsAnSdkClient() {
        return DescribedPredicate.describe("an SDK client builder", call ->
                call.getTargetOwner().isAssignableTo(SdkClientBuilder.class)
                        || call.getTargetOwner().isAssignableTo(SdkClient.class) && call.getName().equals("builder"));
    }

    /** The rules above do catch what they forbid (classes written to break them, in test code). */
    @Test
    void theRulesCatchViolations() {
        JavaClasses bad = new ClassFileImporter().importClasses(
                ArchitectureFixtures.ReadsAFile.class, ArchitectureFixtures.UsesTheAudit.class,
                ArchitectureFixtures.BuildsAClient.class, ArchitectureFixtures.AsksForClients.class,
                ArchitectureFixtures.ResultsSomewhere.class);
        JavaClasses good = new ClassFileImporter().importClasses(ArchitectureFixtures.PlainRule.class, AwsRuleResults.class);

        assertTrue(RULE_IS_PLAIN_JAVA.evaluate(bad).hasViolation(), "java.io and another project package");
        assertFalse(RULE_IS_PLAIN_JAVA.evaluate(good).hasViolation());
        assertTrue(CLIENTS_ARE_BUILT_BY_ENTRY_POINTS.evaluate(bad).hasViolation(), "IamClient.builder() outside the entry points and AwsClients");
        assertFalse(CLIENTS_ARE_BUILT_BY_ENTRY_POINTS.evaluate(good).hasViolation());
        assertTrue(ONLY_ENTRY_POINTS_MAKE_CLIENTS.evaluate(bad).hasViolation(), "AwsClients.fromEnvironment() outside them");
        assertFalse(ONLY_ENTRY_POINTS_MAKE_CLIENTS.evaluate(good).hasViolation());
        assertTrue(PORT_IMPLEMENTATIONS_ARE_NAMED_AWS.evaluate(bad).hasViolation(), "a RuleResults not named Aws...");
        assertFalse(PORT_IMPLEMENTATIONS_ARE_NAMED_AWS.evaluate(good).hasViolation());
    }
}
