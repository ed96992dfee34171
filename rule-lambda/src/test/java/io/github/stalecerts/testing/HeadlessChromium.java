package io.github.stalecerts.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol, with the JDK's own WebSocket
 * client: no driver binary and no browser download. One page; it records every network request the
 * page makes and every console or CSP message, loads a file, evaluates JavaScript and takes
 * screenshots. The browser listens on 127.0.0.1 on a port it picks itself.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<JsonObject> events = new ArrayList<>();
    private final String session;

    /** A page load: how long it took, and the URLs of every request the page made besides its own. */
    public record Load(long wallMillis, double loadEventEndMillis, List<String> otherRequests, List<String> messages) {
    }

    private HeadlessChromium(Process process, Path profile, URI endpoint) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, new Listener())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String target = call(null, "Target.createTarget", object("url", "about:blank")).get("targetId").getAsString();
        JsonObject attach = object("targetId", target);
        attach.addProperty("flatten", true);
        this.session = call(null, "Target.attachToTarget", attach).get("sessionId").getAsString();
        for (String domain : List.of("Network", "Page", "Runtime", "Log")) {
            call(domain + ".enable", new JsonObject());
        }
    }

    /**
     * Starts {@code chromium} (or the system property {@code chromium}); fails naming how to install
     * it when it is missing, never skips.
     */
    public static HeadlessChromium start(int width, int height) throws Exception {
        String executable = System.getProperty("chromium", "chromium");
        if (executable.isBlank() || Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, executable)).noneMatch(Files::isExecutable) && !Files.isExecutable(Path.of(executable))) {
            throw new IllegalStateException("chromium not found (" + executable + "): the report's browser test needs "
                    + "Debian's chromium (apt-get install chromium; scripts/test.sh installs it), or pass -Dchromium=/path");
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(executable, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                "--hide-scrollbars", "--window-size=" + width + "," + height, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(URI.create(m.group(1)));
                    } else if (!endpoint.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
                endpoint.completeExceptionally(new IllegalStateException("chromium exited before listening:\n" + seen));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            return new HeadlessChromium(process, profile, endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens the file and waits for its load event. */
    public Load open(Path file) throws Exception {
        String url = file.toUri().toString();
        synchronized (events) {
            events.clear();
        }
        long start = System.nanoTime();
        call("Page.navigate", object("url", url));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (events("Page.loadEventFired").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no load event for " + url);
            }
            Thread.sleep(10);
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        double loadEventEnd = evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd").getAsDouble();
        List<String> requests = events("Network.requestWillBeSent").stream()
                .map(e -> e.getAsJsonObject("request").get("url").getAsString())
                .filter(u -> !u.equals(url))
                .toList();
        List<String> messages = events("Log.entryAdded").stream()
                .map(e -> e.getAsJsonObject("entry").get("text").getAsString()).toList();
        return new Load(wall, loadEventEnd, requests, messages);
    }

    /** The value of a JavaScript expression in the page. */
    public JsonElement evaluate(String expression) throws Exception {
        JsonObject params = object("expression", expression);
        params.addProperty("returnByValue", true);
        JsonObject result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + result.get("exceptionDetails"));
        }
        return result.getAsJsonObject("result").get("value");
    }

    /** A PNG of the whole page, at most {@code maxHeight} pixels tall. */
    public void screenshot(Path png, int width, int maxHeight) throws Exception {
        call("Emulation.clearDeviceMetricsOverride", new JsonObject());
        int height = Math.min(maxHeight, evaluate("document.documentElement.scrollHeight").getAsInt());
        JsonObject metrics = new JsonObject();
        metrics.addProperty("width", width);
        metrics.addProperty("height", height);
        metrics.addProperty("deviceScaleFactor", 1);
        metrics.addProperty("mobile", false);
        call("Emulation.setDeviceMetricsOverride", metrics);
        JsonObject shot = call("Page.captureScreenshot", object("format", "png"));
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(shot.get("data").getAsString()));
    }

    private List<JsonObject> events(String method) {
        synchronized (events) {
            return events.stream().filter(e -> e.get("method").getAsString().equals(method))
                    .map(e -> e.getAsJsonObject("params")).toList();
        }
    }

    private JsonObject call(String method, JsonObject params) throws Exception {
        return call(session, method, params);
    }

    private JsonObject call(String sessionId, String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        JsonObject message = new JsonObject();
        message.addProperty("id", id);
        message.addProperty("method", method);
        message.add("params", params);
        if (sessionId != null) {
            message.addProperty("sessionId", sessionId);
        }
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(message.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonObject reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.getAsJsonObject("result");
    }

    private static JsonObject object(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser is ended below either way
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                JsonObject message = JsonParser.parseString(buffer.toString()).getAsJsonObject();
                buffer.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonObject> answer = pending.remove(message.get("id").getAsInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else if (message.has("method")) {
                    synchronized (events) {
                        events.add(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
