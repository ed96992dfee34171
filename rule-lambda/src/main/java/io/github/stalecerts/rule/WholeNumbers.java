package io.github.stalecerts.rule;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A range of whole numbers, and the one way text is read as one of them (rule parameters, CLI options,
 * CDK context). Accepted: ASCII digits with an optional leading {@code +} or {@code -}, as
 * {@link Integer#parseInt} reads them and as the deployed rule reads its parameters, so
 * {@code +90} is valid wherever {@code 90} is. Rejected: other scripts' digits (٩٠, ９０), which
 * {@code Integer.parseInt} alone would also take, separators, spaces, and anything out of range.
 *
 * @param low  the smallest number accepted
 * @param high the largest number accepted
 */
public record WholeNumbers(int low, int high) {

    /** At most 9 digits: every such number fits an int, and no range here needs more. */
    private static final Pattern ASCII_INTEGER = Pattern.compile("[+-]?[0-9]{1,9}");

    /** The largest magnitude nine digits can write: a range past it would refuse numbers inside it. */
    private static final int MAX_MAGNITUDE = 999_999_999;

    public WholeNumbers {
        if (low > high) {
            throw new IllegalArgumentException("an empty range: " + low + " > " + high);
        }
        if (low < -MAX_MAGNITUDE || high > MAX_MAGNITUDE) {
            throw new IllegalArgumentException("a range past nine digits: " + low + " to " + high);
        }
    }

    /** The number the text names, when it is one and lies in this range; empty otherwise (null included). */
    public OptionalInt parse(String text) {
        if (text == null || !ASCII_INTEGER.matcher(text).matches()) {
            return OptionalInt.empty();
        }
        int number = Integer.parseInt(text);
        return contains(number) ? OptionalInt.of(number) : OptionalInt.empty();
    }

    public boolean contains(int number) {
        return number >= low && number <= high;
    }

    /** "from LOW to HIGH", for error messages. */
    public String describe() {
        return "from " + bounds();
    }

    /** "LOW to HIGH", for help lines. */
    public String bounds() {
        return low + " to " + high;
    }
}
