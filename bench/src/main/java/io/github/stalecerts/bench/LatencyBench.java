package io.github.stalecerts.bench;

import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.config.AwsRuleResults;
import io.github.stalecerts.handler.ConfigRuleHandler;
import io.github.stalecerts.handler.RuleRun;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.testing.FaultProxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latency mode: the same moto, behind the tests' proxy adding a fixed delay to every AWS call
 * (as a Lambda sees IAM), and the real handler's periodic run listing one user after another
 * (1 thread, the sequential path) against the pool (each size given). For each: a daily run
 * (IAM makes a new credential report, k users listed) and a run within 4 hours of another report
 * (IAM hands that one back, every user listed). Prints wall time, calls, CPU and peak heap.
 *
 * <p>Usage: LatencyBench ENDPOINT N K LATENCY_MS THREADS[,THREADS...]
 */
public final class LatencyBench {

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[3]));
        List<Integer> sizes = new ArrayList<>();
        for (String size : args[4].split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        try (FaultProxy proxy = new FaultProxy(endpoint, latency, FaultProxy.Faults.NONE)) {
            MeasuredClients clients = MeasuredClients.at(proxy.endpoint());
            System.out.printf(Locale.ROOT, "%n=== latency mode: N = %,d users, k = %d, %d ms added to every AWS call"
                    + " (proxy %s in front of moto) ===%n", n, k, latency.toMillis(), proxy.endpoint());
            System.out.println("CPU = this JVM's CPU time during the run, the proxy's threads included (an upper bound for the rule)");
            // moto makes its one credential report on the first run; every later one gets it back.
            Bench.print(Bench.measure("first run (moto makes its report)", clients,
                    () -> Bench.invoke(handler(clients, sizes.get(sizes.size() - 1)), Bench.scheduled())));

            List<String[]> table = new ArrayList<>();
            for (boolean fresh : new boolean[] {true, false}) {
                for (int threads : sizes) {
                    ConfigRuleHandler handler = handler(clients, threads);
                    String name = (fresh ? "fresh report, " : "reused report, ")
                            + (threads == 1 ? "sequential" : "pool of " + threads);
                    Bench.Measure m = Bench.measure(name, clients, () -> {
                        if (fresh) {
                            clients.newReport().arm();
                        }
                        return Bench.invoke(handler, Bench.scheduled());
                    });
                    Bench.print(m);
                    table.add(new String[] {fresh ? "fresh" : "reused", threads == 1 ? "1 (sequential)" : Integer.toString(threads),
                            String.format(Locale.ROOT, "%.1f", m.millis() / 1000.0), Long.toString(m.iamCalls()),
                            Long.toString(m.calls("iam:ListSigningCertificates")), Long.toString(m.totalCalls()),
                            String.format(Locale.ROOT, "%.1f", m.cpuMillis() / 1000.0),
                            String.format(Locale.ROOT, "%.0f", m.peakHeapBytes() / 1048576.0)});
                }
            }
            System.out.printf(Locale.ROOT, "%n--- latency mode summary, N = %,d, k = %d, %d ms per call ---%n", n, k, latency.toMillis());
            System.out.println("| report | threads | wall s | IAM calls | ListSigningCertificates | all calls | CPU s | peak heap MB |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            table.forEach(row -> System.out.println("| " + String.join(" | ", row) + " |"));
            long bound = Bench.ceilDiv(n, 1000) + k + 3;
            System.out.printf(Locale.ROOT, "fresh-report IAM calls <= ceil(N/1000)+k+3 = %d (moto answers users unpaged: k+4 = %d)%n",
                    bound, k + 4);
        }
    }

    private static ConfigRuleHandler handler(MeasuredClients clients, int threads) {
        return new ConfigRuleHandler(new RuleRun(new AwsIamDirectory(clients.iam(), Sleeper.REAL),
                new AwsRuleResults(clients.config(), Sleeper.REAL), clients.counter(), Clock.systemUTC(), threads));
    }
}
