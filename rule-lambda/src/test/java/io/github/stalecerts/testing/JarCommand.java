package io.github.stalecerts.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shaded jar in its own JVM as a user would, pointed at a local endpoint only through the
 * SDK's standard AWS_ENDPOINT_URL variable, with stderr not a terminal.
 */
public final class JarCommand {

    public record Run(int exit, String out, String err) {
    }

    private JarCommand() {
    }

    public static Run run(URI endpoint, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("rule.jar", "target/rule-lambda.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built before this test: " + jar);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_MAX_ATTEMPTS", "1");
        File out = File.createTempFile("command", ".out");
        File err = File.createTempFile("command", ".err");
        try {
            Process process = builder.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command finished");
            return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }
}
