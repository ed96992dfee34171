package io.github.stalecerts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A small local HTTP fake of an AWS API, for what moto lacks (GetComplianceDetailsByConfigRule,
 * PutEvaluations outside TestMode, FailedEvaluations) and for errors moto does not produce
 * (AccessDenied, throttling, 5xx). It answers on 127.0.0.1 with whatever the test's responder
 * says and records every request.
 */
public final class FakeAws implements AutoCloseable {

    /** One request: the operation (from X-Amz-Target or the query Action) and the raw body. */
    public record Request(String operation, String body) {
        /** The form fields of a query-protocol (IAM) request. */
        public Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return fields;
        }
    }

    public record Response(int status, String contentType, String body) {
        public static Response json(String body) {
            return new Response(200, "application/x-amz-json-1.1", body);
        }

        public static Response jsonError(int status, String type, String message) {
            return new Response(status, "application/x-amz-json-1.1",
                    "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }

        public static Response xml(String body) {
            return new Response(200, "text/xml", body);
        }

        public static Response xmlError(int status, String code, String message) {
            return new Response(status, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>" + code
                    + "</Code><Message>" + message + "</Message></Error><RequestId>fake</RequestId></ErrorResponse>");
        }

        /** Writes this answer to the exchange, as AWS would (its content type and a request id). */
        public void sendTo(HttpExchange exchange, String requestId) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public FakeAws(Function<Request, Response> responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, responder));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    private void answer(HttpExchange exchange, Function<Request, Response> responder) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Request request = new Request(target != null ? target.substring(target.indexOf('.') + 1)
                : new Request("", body).form().getOrDefault("Action", ""), body);
        requests.add(request);
        responder.apply(request).sendTo(exchange, "fake");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
