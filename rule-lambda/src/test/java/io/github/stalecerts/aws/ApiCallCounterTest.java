package io.github.stalecerts.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** The counter is shared by the listing pool's threads: no call may be lost or counted twice. */
class ApiCallCounterTest {

    @Test
    void countsEveryCallFromManyThreads() throws Exception {
        ApiCallCounter counter = new ApiCallCounter();
        int threads = 8;
        int callsEach = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            String operation = t % 2 == 0 ? "ListSigningCertificates" : "PutEvaluations";
            String service = t % 2 == 0 ? "IAM" : "Config";
            pool.submit(() -> {
                ExecutionAttributes attributes = new ExecutionAttributes();
                attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, service);
                attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
                start.await();
                for (int i = 0; i < callsEach; i++) {
                    counter.beforeExecution(null, attributes);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertEquals(true, pool.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(Map.of("config:PutEvaluations", 4L * callsEach, "iam:ListSigningCertificates", 4L * callsEach),
                counter.snapshot());
        assertEquals((long) threads * callsEach, counter.total());
    }
}
