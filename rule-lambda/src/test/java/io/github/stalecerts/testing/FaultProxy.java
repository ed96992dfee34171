package io.github.stalecerts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP proxy in front of moto that makes it behave like AWS under load: every AWS call
 * waits a fixed latency, and a seeded fraction of IAM and Config calls is answered by the proxy
 * itself with throttling or a server error, in each service's real wire format (IAM: Query
 * protocol XML {@code <ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>...};
 * Config: JSON 1.1 {@code {"__type":"ThrottlingException",...}}). The rest is forwarded to moto
 * unchanged.
 *
 * <p>Whether an attempt is faulted depends only on the seed, the request's body and how many
 * times that same body was sent before (a retry), never on thread timing: the same run under the
 * same seed meets the same faults, whatever order a pool of threads sends its calls in.
 */
public final class FaultProxy implements AutoCloseable {

    /** Fractions of AWS calls answered with throttling and with a 5xx, drawn from the seed. */
    public record Faults(double throttled, double serverErrors, long seed) {
        public static final Faults NONE = new Faults(0, 0, 0);

        public Faults {
            if (throttled < 0 || serverErrors < 0 || throttled + serverErrors > 1) {
                throw new IllegalArgumentException("fault fractions must be >= 0 and sum to <= 1");
            }
        }
    }

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: about 40 ms more per call than the latency asked for.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** The headers java.net.http sets itself (or refuses), and hop-by-hop headers. */
    private static final Set<String> NOT_COPIED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final URI upstream;
    private final Duration latency;
    private final Faults faults;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> attemptsByBody = new ConcurrentHashMap<>();
    private final AtomicLong throttledAnswers = new AtomicLong();
    private final AtomicLong serverErrorAnswers = new AtomicLong();
    /** Requests moto answered with a 2xx (what AWS would have acted on). */
    private final List<FakeAws.Request> succeeded = new CopyOnWriteArrayList<>();

    public FaultProxy(URI upstream, Duration latency, Faults faults) throws IOException {
        this.upstream = upstream;
        this.latency = latency;
        this.faults = faults;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests of one operation (e.g. {@code PutEvaluations}) that reached moto and succeeded. */
    public List<FakeAws.Request> succeeded(String operation) {
        return succeeded.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    public long throttledAnswers() {
        return throttledAnswers.get();
    }

    public long serverErrorAnswers() {
        return serverErrorAnswers.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            boolean json = target != null;
            FakeAws.Request request = new FakeAws.Request(json ? target.substring(target.indexOf('.') + 1)
                    : new FakeAws.Request("", text).form().getOrDefault("Action", ""), text);
            boolean awsCall = !exchange.getRequestURI().getPath().startsWith("/moto-api");
            if (awsCall && !latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            double draw = awsCall ? draw(text) : 1;
            if (draw < faults.throttled()) {
                throttledAnswers.incrementAndGet();
                send(exchange, json ? FakeAws.Response.jsonError(400, "ThrottlingException", "Rate exceeded")
                        : FakeAws.Response.xmlError(400, "Throttling", "Rate exceeded"));
                return;
            }
            if (draw < faults.throttled() + faults.serverErrors()) {
                serverErrorAnswers.incrementAndGet();
                send(exchange, json ? FakeAws.Response.jsonError(503, "ServiceUnavailable", "Service is unavailable")
                        : new FakeAws.Response(500, "text/xml", "<ErrorResponse><Error><Type>Receiver</Type>"
                                + "<Code>ServiceFailure</Code><Message>Request processing has failed because of an unknown "
                                + "error, exception or failure.</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>"));
                return;
            }
            forward(exchange, body, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A number in [0, 1) fixed by the seed, the body and which attempt of that body this is. */
    private double draw(String body) {
        int attempt = attemptsByBody.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
        // SplittableRandom mixes its seed: java.util.Random's first draws from nearby seeds are correlated.
        return new SplittableRandom(new SplittableRandom(faults.seed()).nextLong() ^ ((long) body.hashCode() << 20) ^ attempt)
                .nextDouble();
    }

    private void forward(HttpExchange exchange, byte[] body, FakeAws.Request request) throws IOException {
        HttpURLConnection out = (HttpURLConnection) upstream.resolve(exchange.getRequestURI().toString()).toURL().openConnection();
        out.setRequestMethod(exchange.getRequestMethod());
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> out.addRequestProperty(name, value));
            }
        });
        if (body.length > 0) {
            out.setDoOutput(true);
            out.setFixedLengthStreamingMode(body.length);
            try (OutputStream stream = out.getOutputStream()) {
                stream.write(body);
            }
        }
        int status = out.getResponseCode();
        byte[] bytes;
        try (InputStream stream = status >= 400 ? out.getErrorStream() : out.getInputStream()) {
            bytes = stream == null ? new byte[0] : stream.readAllBytes();
        }
        if (status / 100 == 2) {
            succeeded.add(request);
        }
        out.getHeaderFields().forEach((name, values) -> {
            if (name != null && !NOT_COPIED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }
    }

    private static void send(HttpExchange exchange, FakeAws.Response response) throws IOException {
        response.sendTo(exchange, "fault-proxy");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
