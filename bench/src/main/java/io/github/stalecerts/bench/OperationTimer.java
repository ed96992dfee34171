package io.github.stalecerts.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Wall time spent inside SDK calls, per operation (request marshalled to response parsed), to say where a run's time goes. */
final class OperationTimer implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("bench.start");
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(START, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        add(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        add(attributes);
    }

    private void add(ExecutionAttributes attributes) {
        Long start = attributes.getAttribute(START);
        if (start == null) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(java.util.Locale.ROOT)
                + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        nanos.computeIfAbsent(operation, k -> new LongAdder()).add(System.nanoTime() - start);
    }

    /** Milliseconds per operation since the last reset, sorted by operation name. */
    Map<String, Long> millis() {
        Map<String, Long> out = new TreeMap<>();
        nanos.forEach((operation, n) -> out.put(operation, n.sum() / 1_000_000));
        return out;
    }

    void reset() {
        nanos.clear();
    }
}
