package io.github.stalecerts.rule;

import java.util.regex.Pattern;

/**
 * What an AWS account id is: exactly 12 ASCII digits (leading zeros kept: it is an identifier, not a
 * number). The one place the rule lives; each caller says in its own words where the bad id came from.
 */
public final class AccountId {

    // \d is ASCII-only in Java unless UNICODE_CHARACTER_CLASS is set.
    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");

    private AccountId() {
    }

    /** True for an account id; false for null, other lengths and any other characters. */
    public static boolean isValid(String text) {
        return text != null && TWELVE_DIGITS.matcher(text).matches();
    }
}
