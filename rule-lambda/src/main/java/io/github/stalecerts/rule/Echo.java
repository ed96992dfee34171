package io.github.stalecerts.rule;

/** Echoes a bad input value back in an error message: printable, and never a whole hostile blob. */
public final class Echo {
    private static final int MAX = 60;

    private Echo() {
    }

    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        // Control and format characters (newlines, ANSI escapes, bidi overrides) could forge log lines.
        String printable = value.replaceAll("[\\p{Cc}\\p{Cf}]", "?");
        return printable.length() <= MAX ? printable : printable.substring(0, MAX) + "...";
    }
}
