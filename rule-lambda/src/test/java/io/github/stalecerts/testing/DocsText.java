package io.github.stalecerts.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.rule.WholeNumbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prose of every Markdown file a reader meets (the README, docs/ and the benchmark's README), read
 * from a module directory, for the tests that hold the docs to the code's constants.
 *
 * @param text the files' text, each run of whitespace one space, so a phrase matches across line breaks
 */
public record DocsText(String text) {

    public static DocsText read() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("..", "README.md"), Path.of("..", "bench", "README.md")));
        try (var docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append(Files.readString(file)).append('\n');
        }
        return new DocsText(text.toString().replaceAll("\\s+", " "));
    }

    /**
     * How often the docs state {@code name} as {@code phrase} (at least once, or this fails), each time with
     * {@code values} in the phrase's groups.
     */
    public int statedEverywhereAs(String name, Pattern phrase, String... values) {
        Matcher m = phrase.matcher(text);
        int found = 0;
        while (m.find()) {
            found++;
            for (int g = 1; g <= values.length; g++) {
                assertEquals(values[g - 1], m.group(g), name + " is " + values[g - 1] + ", the docs say: " + m.group());
            }
        }
        assertTrue(found > 0, "the docs state " + name + " as " + phrase);
        return found;
    }

    /** How the README's tables write a range: "1–3,650", digits grouped as in prose. */
    public static String tableRange(WholeNumbers range) {
        return String.format(Locale.ROOT, "%,d–%,d", range.low(), range.high());
    }
}
