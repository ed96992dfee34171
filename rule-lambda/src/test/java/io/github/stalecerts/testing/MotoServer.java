package io.github.stalecerts.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * moto in server mode, a real HTTP server on 127.0.0.1, shared by every test class in the JVM and
 * reset before each test. Where moto is missing the test fails and says how to install it: an
 * integration test never skips silently.
 */
public final class MotoServer implements BeforeAllCallback, BeforeEachCallback {

    public static final String ACCOUNT_ID = "123456789012";
    private static final int LOG_LINES = 50;
    private static final Deque<String> LOG = new ArrayDeque<>();
    private static Process process;
    private static URI endpoint;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        post("/moto-api/reset");
    }

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("moto is not started: use @ExtendWith(MotoServer.class)");
        }
        return endpoint;
    }

    private static synchronized void start() throws Exception {
        if (process != null) {
            return;
        }
        Path executable = Path.of(System.getProperty("moto.server", ".venv/bin/moto_server"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("moto_server not found at " + executable.toAbsolutePath()
                    + ": the integration tests need moto in server mode. Run `bash scripts/setup-python.sh` "
                    + "(Python 3.9+; installs requirements-dev.txt into .venv), or pass -Dmoto.server=/path/to/moto_server");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        keepLog(process);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
        endpoint = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                process.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("moto_server exited at start; its log: " + log());
            }
            try {
                if (get("/moto-api/") == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("moto_server did not answer within 60 s; its log: " + log());
    }

    /**
     * Keeps moto's last output lines in memory (nothing is written to disk), for the error message
     * when it does not start.
     */
    private static void keepLog(Process moto) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(moto.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (LOG) {
                        LOG.addLast(line);
                        if (LOG.size() > LOG_LINES) {
                            LOG.removeFirst();
                        }
                    }
                }
            } catch (IOException ended) {
                // moto stopped; what was read is kept
            }
        }, "moto-server-log");
        reader.setDaemon(true);
        reader.start();
    }

    private static String log() {
        synchronized (LOG) {
            return String.join("\n", LOG);
        }
    }

    private static int get(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(5000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static void post(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint().resolve(path).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.getOutputStream().close();
        int status = connection.getResponseCode();
        connection.disconnect();
        if (status != 200) {
            throw new IllegalStateException("moto reset answered HTTP " + status);
        }
    }
}
