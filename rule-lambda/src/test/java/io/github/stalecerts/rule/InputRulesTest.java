package io.github.stalecerts.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The input rules every entry point shares ({@link WholeNumbers}, {@link AccountId}, {@link ResourceId}), checked once
 * here: the rule parameters, the CLI's options and the CDK context only call them.
 */
class InputRulesTest {

    private static final String SEED = "20261204";
    private static final WholeNumbers DAYS = new WholeNumbers(0, 3650);

    /** Every number in range reads back, written plainly, with a leading + or with leading zeros. */
    @Property(tries = 300, seed = SEED)
    void everyNumberInRangeReadsBack(@ForAll @IntRange(min = 0, max = 3650) int n) {
        assertEquals(OptionalInt.of(n), DAYS.parse(Integer.toString(n)));
        assertEquals(OptionalInt.of(n), DAYS.parse("+" + n));
        assertEquals(OptionalInt.of(n), DAYS.parse("00" + n));
    }

    @Property(tries = 300, seed = SEED)
    void everyNumberOutOfRangeIsRefused(@ForAll("outOfRange") int n) {
        assertEquals(OptionalInt.empty(), DAYS.parse(Integer.toString(n)));
        assertFalse(DAYS.contains(n));
    }

    /** Other scripts' digits, which Integer.parseInt would read, never pass, wherever they stand. */
    @Property(tries = 300, seed = SEED)
    void digitsOfOtherScriptsAreRefused(@ForAll @IntRange(min = 0, max = 3650) int n,
                                        @ForAll("foreignDigits") char foreign) {
        String text = Integer.toString(n);
        for (int at = 0; at <= text.length(); at++) {
            String spoilt = text.substring(0, at) + foreign + text.substring(at);
            assertEquals(OptionalInt.empty(), DAYS.parse(spoilt), spoilt);
        }
    }

    @Property(tries = 300, seed = SEED)
    void parsingNeverThrows(@ForAll("nasty") String text) {
        OptionalInt parsed = DAYS.parse(text);
        parsed.ifPresent(n -> assertTrue(DAYS.contains(n)));
    }

    @Example
    void malformedNumbersAreRefused() {
        for (String text : new String[] {"", " 5", "5 ", "+-5", "--5", "1_000", "0x10", "1e3", "5.0", "1234567890", "+"}) {
            assertEquals(OptionalInt.empty(), new WholeNumbers(-999_999_999, 999_999_999).parse(text), text);
        }
        assertEquals(OptionalInt.empty(), DAYS.parse(null));
        assertEquals(OptionalInt.of(0), DAYS.parse("-0"));
        assertThrows(IllegalArgumentException.class, () -> new WholeNumbers(2, 1));
        // Ten digits are never read, so a range reaching them would refuse numbers inside it.
        assertThrows(IllegalArgumentException.class, () -> new WholeNumbers(0, 1_000_000_000));
        assertThrows(IllegalArgumentException.class, () -> new WholeNumbers(-1_000_000_000, 0));
        assertEquals("from 0 to 3650", DAYS.describe());
    }

    @Property(tries = 300, seed = SEED)
    void twelveAsciiDigitsAreAnAccountId(@ForAll @IntRange(min = 0, max = 999_999) int high,
                                         @ForAll @IntRange(min = 0, max = 999_999) int low) {
        String id = String.format(Locale.ROOT, "%06d%06d", high, low);
        assertTrue(AccountId.isValid(id), id);
        assertFalse(AccountId.isValid(id.substring(1)), "11 digits");
        assertFalse(AccountId.isValid(id + "0"), "13 digits");
        assertFalse(AccountId.isValid("+" + id.substring(1)), "a sign is not a digit");
        assertFalse(AccountId.isValid(id.substring(0, 11) + '\u0669'), "an Arabic-Indic digit");
        assertFalse(AccountId.isValid(id.substring(0, 11) + '\uff19'), "a fullwidth digit");
    }

    @Example
    void nullAndBlankAreNoAccountId() {
        assertFalse(AccountId.isValid(null));
        assertFalse(AccountId.isValid(""));
        assertFalse(AccountId.isValid("12345678901\n"));
    }

    /** A Config resource id: a UserId or an account id, ASCII letters and digits only, 12 to 128. */
    @Property(tries = 300, seed = SEED)
    void resourceIdsAreTwelveToOneHundredTwentyEightAsciiLettersAndDigits(@ForAll("resourceIds") String id) {
        assertEquals(id.length() >= 12 && id.length() <= 128 && id.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c)),
                ResourceId.isValid(id), id);
    }

    @Example
    void accountIdsAndUserIdsAreResourceIds() {
        assertTrue(ResourceId.isValid("123456789012"));
        assertTrue(ResourceId.isValid("AIDAEXAMPLEUSERID0001"));
        assertFalse(ResourceId.isValid("AIDA-EXAMPLE-1"));
        assertFalse(ResourceId.isValid(null));
    }

    @Provide
    Arbitrary<String> resourceIds() {
        return Arbitraries.strings().withChars("AIDZaz09-_ \u0669\u00e9").ofMinLength(10).ofMaxLength(130);
    }

    @Provide
    Arbitrary<Integer> outOfRange() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-999_999_999, -1),
                Arbitraries.integers().between(3651, 999_999_999));
    }

    @Provide
    Arbitrary<Character> foreignDigits() {
        // Arabic-Indic, Devanagari, fullwidth and Bengali digits: Character.isDigit, not ASCII.
        return Arbitraries.of('\u0660', '\u0669', '\u0966', '\u096f', '\uff10', '\uff19', '\u09e6');
    }

    @Provide
    Arbitrary<String> nasty() {
        return Arbitraries.strings().withChars("+-0123456789 \u0669\uff19._xe\n").ofMaxLength(14);
    }
}
