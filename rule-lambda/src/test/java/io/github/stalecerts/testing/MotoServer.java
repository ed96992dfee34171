package io.github.stalecerts.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
        Path log = Files.createTempFile("moto-server", ".log");
        process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
        endpoint = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited at start; its log: " + Files.readString(log));
            }
            try {
                if (get("/moto-api/") == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("moto_server did not answer within 60 s; its log: " + log);
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
