package io.github.stalecerts.cdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One function of the synthesized template running as AWS's java21 base image runs it: AWS's Lambda Runtime
 * Interface Emulator ({@code aws-lambda-rie}) is the front process and starts
 * {@code java -cp <runtime jars> com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>} in the
 * task root (the deployment package unzipped, as Lambda unzips it into {@code /var/task}); the runtime
 * interface client loads the handler from there. Invocations go to the emulator's HTTP endpoint as raw JSON.
 */
final class EmulatedLambda implements AutoCloseable {

    /** What the template says about one function: everything Lambda would take from it to run the code. */
    record Definition(String logicalId, String handler, int memoryMb, int timeoutSeconds, String logFormat,
                      Optional<String> applicationLogLevel, Map<String, String> variables) {
    }

    /** One invocation: the emulator's HTTP answer and the lines the function (runtime and handler) wrote. */
    record Invocation(int status, String body, List<String> functionLines, String report) {
        boolean failed() {
            return body.contains("\"errorMessage\"") && body.contains("\"errorType\"");
        }
    }

    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Pattern EMULATOR_LINE = Pattern.compile(
            "^(\\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2},\\d{3} \\[\\w+] \\(rapid\\) .*|(START|END|REPORT) RequestId: .*)$");

    private final Process process;
    private final URI invocations;
    private final List<String> output = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    private EmulatedLambda(Process process, int port, Duration timeout) {
        this.process = process;
        this.invocations = URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations");
        this.timeout = timeout;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                        output.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the emulator stopped; what was read is kept
            }
        }, "lambda-rie-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the emulator for a function; {@code environment} holds what Lambda would add besides the
     * template's variables (region, the role's session credentials) and the test's endpoint for AWS.
     */
    static EmulatedLambda start(Path emulator, Path runtimeLib, Path taskRoot, String functionName, Definition function,
                                Map<String, String> environment) throws IOException {
        if (!Files.isExecutable(emulator)) {
            throw new IllegalStateException("AWS's Lambda Runtime Interface Emulator not found at " + emulator
                    + ": run `bash scripts/setup-rie.sh` (builds it with Go 1.26.6+), or pass -Dlambda.rie=/path/to/aws-lambda-rie");
        }
        int port = freePort();
        int runtimeApiPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(emulator.toString(),
                "--runtime-interface-emulator-address", "127.0.0.1:" + port,
                // The emulator's Runtime API defaults to the fixed port 9001: a free one, so runs never collide.
                "--runtime-api-address", "127.0.0.1:" + runtimeApiPort,
                java,
                // The function's memory bounds the JVM as the execution environment's memory limit does.
                "-XX:MaxRAM=" + function.memoryMb() + "m",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", runtimeLib.resolve("*").toString(), RUNTIME_CLIENT, function.handler())
                .directory(taskRoot.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(function.timeoutSeconds()));
        env.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat());
        function.applicationLogLevel().ifPresent(level -> env.put("AWS_LAMBDA_LOG_LEVEL", level));
        env.putAll(function.variables());
        env.putAll(environment);
        EmulatedLambda lambda = new EmulatedLambda(builder.start(), port, Duration.ofSeconds(function.timeoutSeconds()));
        lambda.awaitListening(port);
        return lambda;
    }

    /** POSTs a raw JSON payload and waits for the emulator's REPORT line of that request. */
    Invocation invoke(String payload) throws IOException, InterruptedException {
        String requestId = UUID.randomUUID().toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(invocations)
                        .timeout(timeout.plusSeconds(30))
                        .header("X-Amzn-RequestId", requestId)
                        .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String report = awaitLine("REPORT RequestId: " + requestId);
        List<String> lines;
        synchronized (output) {
            int start = output.indexOf("START RequestId: " + requestId + " Version: $LATEST");
            int end = output.indexOf("END RequestId: " + requestId);
            if (start < 0 || end < start) {
                throw new IllegalStateException("no START/END lines for request " + requestId + " in " + output);
            }
            lines = output.subList(start + 1, end).stream().filter(line -> !EMULATOR_LINE.matcher(line).matches()).toList();
        }
        return new Invocation(response.statusCode(), response.body(), lines, report);
    }

    /** Everything the emulator and the function printed so far, for failure messages. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        // The runtime's JVM is the emulator's child: taken before the emulator stops, so none is left running.
        List<ProcessHandle> runtime = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        runtime.forEach(ProcessHandle::destroyForcibly);
    }

    /** The deployment package unzipped, as Lambda unzips a .zip or .jar package into the task root. */
    static void unzip(Path jar, Path taskRoot) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (!target.startsWith(taskRoot)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }

    private String awaitLine(String prefix) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        synchronized (output) {
            while (Instant.now().isBefore(deadline)) {
                for (String line : output) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                output.wait(200);
            }
        }
        throw new IllegalStateException("the emulator printed no '" + prefix + "' within 30 s; its output:\n" + output());
    }

    private void awaitListening(int port) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("aws-lambda-rie exited at start; its output:\n" + output());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IllegalStateException("aws-lambda-rie did not listen within 30 s; its output:\n" + output());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> variables(Object environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map && map.get("Variables") instanceof Map<?, ?> values) {
            values.forEach((name, value) -> {
                if (!(value instanceof String text)) {
                    throw new IllegalStateException("environment variable " + name + " is not a plain string in the template: "
                            + value + "; Lambda would receive what CloudFormation resolves, which this test cannot");
                }
                variables.put((String) name, text);
            });
        }
        return variables;
    }
}
