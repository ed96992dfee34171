package io.github.stalecerts.bench;

import com.amazonaws.services.lambda.runtime.events.ConfigEvent;
import io.github.stalecerts.audit.AccountAudit;
import io.github.stalecerts.aws.Sleeper;
import io.github.stalecerts.config.Invocation;
import io.github.stalecerts.config.AwsRuleResults;
import io.github.stalecerts.handler.ConfigRuleHandler;
import io.github.stalecerts.handler.IncompleteEvaluationException;
import io.github.stalecerts.handler.RuleRun;
import io.github.stalecerts.iam.AwsIamDirectory;
import io.github.stalecerts.testing.Events;
import io.github.stalecerts.testing.TestContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The benchmark: on one moto server already seeded with N users (k of them holding an active
 * certificate), runs the real handler's periodic evaluation and the per-user baseline ({@link PerUserBaseline})
 * alternately, several times, and prints wall time, API calls per operation and peak heap for each,
 * medians, and ratios; then the shaded jar's size and JVM start to first verdict for one
 * change-triggered user in a fresh JVM. It prints figures and never fails on them.
 *
 * <p>Usage: Bench ENDPOINT N K RUNS COLD_USER_NAME SHADED_JAR (the cold-start JVM gets this JVM's class path)
 */
public final class Bench {

    private Bench() {
    }

    /** One measured execution of one method. */
    record Measure(String method, long millis, Map<String, Long> calls, Map<String, Long> callMillis, long peakHeapBytes,
                   long cpuMillis) {
        long totalCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        long iamCalls() {
            return calls.entrySet().stream().filter(e -> e.getKey().startsWith("iam:")).mapToLong(Map.Entry::getValue).sum();
        }

        long calls(String operation) {
            return calls.getOrDefault(operation, 0L);
        }
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        String coldUser = args[4];
        Path shadedJar = Path.of(args[5]);

        MeasuredClients clients = MeasuredClients.at(endpoint);
        ConfigRuleHandler handler = new ConfigRuleHandler(new RuleRun(new AwsIamDirectory(clients.iam(), Sleeper.REAL),
                new AwsRuleResults(clients.config(), Sleeper.REAL), clients.counter(), Clock.systemUTC(),
                AccountAudit.DEFAULT_LISTING_THREADS));
        PerUserBaseline baseline = new PerUserBaseline(clients.iam(), clients.config());
        // A daily run: IAM makes a new credential report for it (see NewReportEachRun).
        Supplier<Object> periodic = () -> {
            clients.newReport().arm();
            return invoke(handler, scheduled());
        };
        // A run within 4 hours of another report: IAM hands that one back, and every user is listed.
        Supplier<Object> periodicReusedReport = () -> invoke(handler, scheduled());
        Supplier<Object> perUser = () -> baseline.run(Invocation.TEST_MODE_TOKEN);

        System.out.printf(Locale.ROOT, "%n=== N = %,d users, k = %d with an active certificate (moto at %s) ===%n", n, k, endpoint);
        System.out.println("peak heap = sum of the heap pools' peak usage, reset after a System.gc() before each method, same JVM"
                + " (an upper bound: pools peak at different moments)");

        // The first periodic run makes moto generate the credential report (STARTED, then a second
        // GenerateCredentialReport after the users were read): shown on its own, JVM still cold.
        Measure first = measure("periodic handler (first run, report generated)", clients, periodicReusedReport);
        print(first);
        print(measure("periodic handler (report reused, < 4 h old: every user listed)", clients, periodicReusedReport));
        print(measure("per-user baseline (warm-up)", clients, perUser));

        List<Measure> ours = new ArrayList<>();
        List<Measure> theirs = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Measure a = measure("periodic handler   run " + run, clients, periodic);
            Measure b = measure("per-user baseline  run " + run, clients, perUser);
            print(a);
            print(b);
            System.out.printf(Locale.ROOT, "  ratio run %d: %.1fx fewer calls, %.1fx less wall time%n",
                    run, (double) b.totalCalls() / a.totalCalls(), (double) b.millis() / a.millis());
            ours.add(a);
            theirs.add(b);
        }

        System.out.printf(Locale.ROOT, "%n--- medians of %d runs, N = %,d ---%n", runs, n);
        System.out.printf(Locale.ROOT, "%-20s %10s %10s %10s %14s%n", "method", "wall ms", "IAM calls", "all calls", "peak heap MB");
        row("periodic handler", ours);
        row("per-user baseline", theirs);
        Measure last = ours.get(runs - 1);
        Measure lastBase = theirs.get(runs - 1);
        double callRatio = (double) lastBase.totalCalls() / last.totalCalls();
        double timeRatio = (double) lastBase.millis() / last.millis();
        System.out.printf(Locale.ROOT, "ratio (run %d): %.1fx fewer calls, %.1fx less wall time; median wall-time ratio %.1fx%n",
                runs, callRatio, timeRatio, median(ratios(theirs, ours)));

        long iamBound = ceilDiv(n, 1000) + k + 3;
        long putBound = ceilDiv(n + 1, 100);
        System.out.printf(Locale.ROOT, "%n--- targets, N = %,d, k = %d ---%n", n, k);
        System.out.printf(Locale.ROOT, "periodic IAM calls <= ceil(N/1000)+k+3 = %d: measured %d (first run %d) -> %s%n",
                iamBound, last.iamCalls(), first.iamCalls(), verdict(last.iamCalls() <= iamBound && first.iamCalls() <= iamBound));
        System.out.printf(Locale.ROOT, "periodic PutEvaluations <= ceil((N+1)/100) = %d: measured %d -> %s%n",
                putBound, last.calls("config:PutEvaluations"), verdict(last.calls("config:PutEvaluations") <= putBound));
        if (n >= 5000) {
            System.out.printf(Locale.ROOT, ">= 45x fewer calls than per-user: %.1fx -> %s%n", callRatio, verdict(callRatio >= 45));
            System.out.printf(Locale.ROOT, ">= 10x less wall time than per-user: %.1fx (median ratio %.1fx) -> %s%n",
                    timeRatio, median(ratios(theirs, ours)), verdict(timeRatio >= 10));
        }

        long jarBytes = Files.size(shadedJar);
        System.out.printf(Locale.ROOT, "%n--- shaded jar ---%n%s: %,d bytes (%.1f MB) -> jar <= 20 MB %s%n",
                shadedJar.getFileName(), jarBytes, jarBytes / 1048576.0, verdict(jarBytes <= 20L * 1024 * 1024));

        String coldUserId = clients.iam().getUser(r -> r.userName(coldUser)).user().userId();
        System.out.printf(Locale.ROOT, "%n--- JVM start to first verdict: one change-triggered user (%s), fresh JVM each ---%n", coldUser);
        List<Long> cold = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            String line = coldStart(endpoint, coldUserId, coldUser);
            System.out.println("  " + line);
            cold.add(Long.parseLong(line.replaceAll("^coldstart ms=(\\d+).*$", "$1")));
            if (run == runs) {
                long calls = callsIn(line);
                System.out.printf(Locale.ROOT, "median %d ms; change trigger <= 3 calls: measured %d -> %s%n",
                        median(cold), calls, verdict(calls <= 3));
            }
        }
    }

    static ConfigEvent scheduled() {
        return Events.scheduled(Instant.now(), Invocation.TEST_MODE_TOKEN, "{}");
    }

    private static final java.util.Set<String> SHOWN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * One invocation (the context gives it 5 minutes, the function's timeout); each distinct warning
     * or error the handler logs is printed once to stderr. A run that left principals unread is
     * measured too: it says how many.
     */
    static String invoke(ConfigRuleHandler handler, ConfigEvent event) {
        TestContext context = new TestContext();
        try {
            return handler.handleRequest(event, context);
        } catch (IncompleteEvaluationException e) {
            String line = "run incomplete: " + e.unreadableLines().size() + " principal(s) unread";
            System.out.println("  " + line);
            return line;
        } finally {
            context.lines.stream().filter(l -> l.startsWith("WARN ") || l.startsWith("ERROR "))
                    .filter(l -> !l.contains("\"event\":\"principal not read\""))
                    .filter(SHOWN::add).forEach(l -> System.err.println("  handler " + l));
        }
    }

    static Measure measure(String method, MeasuredClients clients, Supplier<Object> body) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        clients.counter().reset();
        clients.timer().reset();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        body.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
        Map<String, Long> calls = new TreeMap<>(clients.counter().snapshot());
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Measure(method, millis, calls, clients.timer().millis(), peak, cpuMillis);
    }

    /** CPU time of this whole JVM (every thread), for how much of a vCPU a run needs. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void print(Measure m) {
        System.out.printf(Locale.ROOT, "%-48s %7d ms  CPU %6d ms  %6d calls (IAM %d)  peak heap %5.1f MB  %s%n",
                m.method(), m.millis(), m.cpuMillis(), m.totalCalls(), m.iamCalls(), m.peakHeapBytes() / 1048576.0, m.calls());
        System.out.printf(Locale.ROOT, "%-48s ms inside SDK calls per operation: %s%n", "", m.callMillis());
    }

    private static void row(String name, List<Measure> measures) {
        System.out.printf(Locale.ROOT, "%-20s %10d %10d %10d %14.1f%n", name,
                median(measures.stream().map(Measure::millis).toList()),
                median(measures.stream().map(Measure::iamCalls).toList()),
                median(measures.stream().map(Measure::totalCalls).toList()),
                median(measures.stream().map(Measure::peakHeapBytes).toList()) / 1048576.0);
    }

    private static List<Double> ratios(List<Measure> baseline, List<Measure> ours) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            out.add((double) baseline.get(i).millis() / ours.get(i).millis());
        }
        return out;
    }

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2); // lower median for even counts
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static long callsIn(String summaryLine) {
        long total = 0;
        for (String word : summaryLine.split(" ")) {
            if (word.matches("(iam|config):\\w+=\\d+")) {
                total += Long.parseLong(word.substring(word.indexOf('=') + 1));
            }
        }
        return total;
    }

    private static String coldStart(URI endpoint, String userId, String userName) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                ColdStart.class.getName(), userId, userName).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("coldstart ")) {
                    result = line;
                }
            }
        }
        int exit = process.waitFor();
        if (result == null || exit != 0) {
            throw new IllegalStateException("the cold-start JVM failed (exit " + exit + "):\n" + all);
        }
        return result;
    }
}
