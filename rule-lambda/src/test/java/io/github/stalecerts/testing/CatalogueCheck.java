package io.github.stalecerts.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.aws.ActionCatalogue;
import io.github.stalecerts.aws.ApiCallCounter;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Checks after each test that every AWS operation a function's clients sent is in that function's
 * entry of the {@link ActionCatalogue}, the list its deployed role is made of. Attach it to the
 * function's clients (it is an interceptor) and register it with {@code @RegisterExtension}.
 */
public final class CatalogueCheck implements ExecutionInterceptor, AfterEachCallback {

    private final ActionCatalogue.Function function;
    private final ApiCallCounter operations = new ApiCallCounter();

    public CatalogueCheck(ActionCatalogue.Function function) {
        this.function = function;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.beforeExecution(context, attributes);
    }

    /** The operations sent so far, as {@code iam:GetUser}. */
    public Set<String> operations() {
        return new TreeSet<>(operations.snapshot().keySet());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Set<String> outside = operations();
        outside.removeAll(function.iamNames());
        assertTrue(outside.isEmpty(), "the " + function + " function called " + outside
                + ", which its role in ActionCatalogue does not grant");
        operations.reset();
    }
}
