package io.github.stalecerts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import io.github.stalecerts.testing.HeadlessChromium;
import io.github.stalecerts.testing.ReportRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it: headless Chromium (Debian's package) over the DevTools
 * Protocol. Checks the rendered DOM, that the page made no network request and broke no CSP rule,
 * and saves screenshots to {@code target/report-screenshots/}.
 */
class HtmlReportBrowserIT {

    static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
    static final int WIDTH = 1280;
    static HeadlessChromium browser;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start(WIDTH, 900);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theSmallOrganizationAsABrowserShowsIt() throws Exception {
        Path page = write("small.html", HtmlReport.render(ReportRuns.smallOrganization()));
        HeadlessChromium.Load load = browser.open(page);

        assertEquals(List.of(), load.otherRequests(), "the page fetched nothing");
        assertEquals(List.of(), load.messages(), "no console or CSP message");
        assertEquals(0, browser.evaluate("document.querySelectorAll('img,script,link,iframe,object,embed').length").getAsInt());
        assertEquals("2,3,1,1", browser.evaluate("[...document.querySelectorAll('#totals .n')].map(e => e.textContent).join()")
                .getAsString());
        JsonArray names = browser.evaluate("[...document.querySelectorAll('#non-compliant td.name')].map(e => e.textContent)")
                .getAsJsonArray();
        assertEquals(ReportRuns.HOSTILE, names.get(0).getAsString(), "the hostile name shows as text");
        assertEquals("expiring-soon", names.get(1).getAsString());
        assertEquals("unread-<user>", browser.evaluate("document.querySelector('#unread td.name').textContent").getAsString());
        assertEquals("333333333333,222222222222,111111111111", browser.evaluate(
                "[...document.querySelectorAll('#accounts tbody tr')].map(r => r.dataset.account).join()").getAsString());
        assertEquals(ReportRuns.QUOTES, browser.evaluate(
                "document.querySelector('#accounts tr[data-account=\"222222222222\"] td:nth-child(2)').textContent").getAsString());
        assertEquals("rgb(180, 35, 24)", browser.evaluate("getComputedStyle(document.querySelector('#failures h2')).color")
                .getAsString(), "the failures are red: the hashed style applied under the CSP");
        assertEquals("2,0,0,1,0,0,1,0,0,0,0,0,0", browser.evaluate(
                "[...document.querySelectorAll('#timeline rect[data-value]')].map(r => r.dataset.value).join()").getAsString());
        assertTrue(browser.evaluate("document.querySelector('#timeline svg').getBoundingClientRect().height").getAsDouble() > 100,
                "the chart is drawn at a visible size");
        browser.screenshot(SCREENSHOTS.resolve("report-small-organization.png"), WIDTH, 4000);
        assertTrue(Files.size(SCREENSHOTS.resolve("report-small-organization.png")) > 10_000);
    }

    /** The top of the range: 1,000 accounts x 5 users, a few MB, rendered in a few seconds. */
    @Test
    void aThousandAccountsOfFiveUsers() throws Exception {
        String html = HtmlReport.render(ReportRuns.organization(1000, 5));
        Path page = write("org-1000x5.html", html);
        long bytes = Files.size(page);
        HeadlessChromium.Load load = browser.open(page);
        System.out.printf("report 1000 accounts x 5 users: %,d bytes, load %d ms wall, loadEventEnd %.0f ms%n",
                bytes, load.wallMillis(), load.loadEventEndMillis());

        assertTrue(bytes < 5_000_000, bytes + " bytes");
        assertTrue(load.wallMillis() < 20_000, load.wallMillis() + " ms");
        assertEquals(List.of(), load.otherRequests());
        assertEquals(1000, browser.evaluate("document.querySelectorAll('#accounts tbody tr').length").getAsInt());
        long nonCompliant = ReportRuns.organization(1000, 5).accounts().stream()
                .mapToLong(a -> a.count(io.github.stalecerts.rule.Compliance.NON_COMPLIANT)).sum();
        assertTrue(nonCompliant > 0);
        assertEquals(nonCompliant, browser.evaluate("document.querySelectorAll('#non-compliant tbody tr').length").getAsLong());
        assertEquals(Long.toString(nonCompliant), browser.evaluate("document.querySelector('#totals .n').textContent").getAsString());
        browser.screenshot(SCREENSHOTS.resolve("report-1000-accounts.png"), WIDTH, 2400);
    }

    /** The request log does catch a fetch: a page without our CSP that loads an image from loopback. */
    @Test
    void theRequestLogCatchesAFetch() throws Exception {
        Path page = write("fetches.html", "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\"></body></html>");
        HeadlessChromium.Load load = browser.open(page);
        assertEquals(List.of("http://127.0.0.1:9/x.png"), load.otherRequests());
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
