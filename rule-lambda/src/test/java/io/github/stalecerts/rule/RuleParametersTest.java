package io.github.stalecerts.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleParametersTest {

    @Test
    void emptyMapGivesDefaults() {
        RuleParameters p = RuleParameters.parse(Map.of());
        assertEquals(90, p.maxCertificateAgeDays());
        assertEquals(30, p.expiryWarningDays());
        assertEquals(RootCertificatePolicy.ROTATE, p.rootCertificatePolicy());
        assertEquals(Optional.empty(), p.exemptTagKey());
        assertEquals(RuleParameters.DEFAULTS, p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankValueMeansDefault(String blank) {
        Map<String, String> raw = new HashMap<>();
        for (String name : RuleParameters.NAMES) {
            raw.put(name, blank);
        }
        assertEquals(RuleParameters.DEFAULTS, RuleParameters.parse(raw));
    }

    @Test
    void nullValueMeansDefault() {
        Map<String, String> raw = new HashMap<>();
        raw.put("maxCertificateAgeDays", null);
        assertEquals(RuleParameters.DEFAULTS, RuleParameters.parse(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "maxCertificateAgeDays, 1, 1",
            "maxCertificateAgeDays, 3650, 3650",
            "maxCertificateAgeDays, ' 45 ', 45",
            "expiryWarningDays, 0, 0",
            "expiryWarningDays, 3650, 3650",
            "expiryWarningDays, 7, 7"})
    void validDaysAtRangeEnds(String name, String value, int expected) {
        RuleParameters p = RuleParameters.parse(Map.of(name, value));
        int actual = name.equals("maxCertificateAgeDays") ? p.maxCertificateAgeDays() : p.expiryWarningDays();
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @CsvSource({
            "maxCertificateAgeDays, 0, 1 to 3650",
            "maxCertificateAgeDays, -1, 1 to 3650",
            "maxCertificateAgeDays, 3651, 1 to 3650",
            "maxCertificateAgeDays, 99999999999999, 1 to 3650",
            "maxCertificateAgeDays, ninety, 1 to 3650",
            "maxCertificateAgeDays, 90.5, 1 to 3650",
            "maxCertificateAgeDays, 0x5A, 1 to 3650",
            "maxCertificateAgeDays, 9 0, 1 to 3650",
            "expiryWarningDays, -1, 0 to 3650",
            "expiryWarningDays, 3651, 0 to 3650",
            "expiryWarningDays, thirty, 0 to 3650",
            "expiryWarningDays, 1e3, 0 to 3650"})
    void outOfRangeOrNotANumber(String name, String value, String range) {
        InvalidRuleParameterException e = assertThrows(InvalidRuleParameterException.class,
                () -> RuleParameters.parse(Map.of(name, value)));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(range), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"rotate, ROTATE", "ROTATE, ROTATE", "Forbid, FORBID", "forbid, FORBID", "' forbid ', FORBID"})
    void rootCertificatePolicyIgnoresCase(String value, RootCertificatePolicy expected) {
        assertEquals(expected, RuleParameters.parse(Map.of("rootCertificatePolicy", value)).rootCertificatePolicy());
    }

    @ParameterizedTest
    @ValueSource(strings = {"allow", "rotate,forbid", "none", "forbidden"})
    void rootCertificatePolicyInvalid(String value) {
        InvalidRuleParameterException e = assertThrows(InvalidRuleParameterException.class,
                () -> RuleParameters.parse(Map.of("rootCertificatePolicy", value)));
        assertTrue(e.getMessage().contains("rootCertificatePolicy"), e.getMessage());
        assertTrue(e.getMessage().contains("'rotate' or 'forbid'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxCertificateAgeDay", "MaxCertificateAgeDays", "foo", "exemptTag"})
    void unknownNameIsRejectedAndNamed(String name) {
        InvalidRuleParameterException e = assertThrows(InvalidRuleParameterException.class,
                () -> RuleParameters.parse(Map.of(name, "10")));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("maxCertificateAgeDays"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cert-exempt", "a", "Stale Certs:Exempt/ok=+-@_.", "ключ", "k9"})
    void validExemptTagKeys(String key) {
        assertEquals(Optional.of(key), RuleParameters.parse(Map.of("exemptTagKey", key)).exemptTagKey());
    }

    @Test
    void exemptTagKeyOf128CharsIsValidAnd129IsNot() {
        String k128 = "k".repeat(128);
        assertEquals(Optional.of(k128), RuleParameters.parse(Map.of("exemptTagKey", k128)).exemptTagKey());
        InvalidRuleParameterException e = assertThrows(InvalidRuleParameterException.class,
                () -> RuleParameters.parse(Map.of("exemptTagKey", k128 + "k")));
        assertTrue(e.getMessage().contains("exemptTagKey"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad*key", "a;b", "key#1", "quote'key", "tab\tinside", "new\nline", "a,b", "<x>"})
    void exemptTagKeyInvalidChars(String key) {
        InvalidRuleParameterException e = assertThrows(InvalidRuleParameterException.class,
                () -> RuleParameters.parse(Map.of("exemptTagKey", key)));
        assertTrue(e.getMessage().startsWith("exemptTagKey"), e.getMessage());
        assertPrintableAndShort(e.getMessage());
    }

    static Stream<Arguments> hostile() {
        String huge = "9".repeat(10_000);
        String hugeText = "A\u0000B\u001b[31m".repeat(2_000);
        return Stream.of(
                Arguments.of("maxCertificateAgeDays", huge),
                Arguments.of("maxCertificateAgeDays", "1\u0000\u0007\u001b[2J"),
                Arguments.of("expiryWarningDays", hugeText),
                Arguments.of("rootCertificatePolicy", hugeText),
                Arguments.of("rootCertificatePolicy", "rotate\r\nX-Injected: yes"),
                Arguments.of("exemptTagKey", "k".repeat(10_000)),
                Arguments.of("exemptTagKey", "\u0000\u0001\u0002"),
                Arguments.of("x".repeat(10_000), "1"),
                Arguments.of("evil\u0000\n\u001bname", "1"));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileValuesGiveShortPrintableMessages(String name, String value) {
        InvalidRuleParameterException e = assertThrows(InvalidRuleParameterException.class,
                () -> RuleParameters.parse(Map.of(name, value)));
        assertPrintableAndShort(e.getMessage());
    }

    static void assertPrintableAndShort(String message) {
        assertTrue(message.length() < 300, "message is " + message.length() + " chars");
        assertTrue(message.chars().noneMatch(Character::isISOControl), "control char in: " + message);
    }

    static Stream<RuleParameters> roundTrips() {
        return Stream.of(
                RuleParameters.DEFAULTS,
                new RuleParameters(1, 0, RootCertificatePolicy.FORBID, Optional.of("cert-exempt")),
                new RuleParameters(3650, 3650, RootCertificatePolicy.ROTATE, Optional.of("Stale Certs:Exempt")));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void asInputParametersRoundTrips(RuleParameters parameters) {
        Map<String, String> input = parameters.asInputParameters();
        assertEquals(parameters, RuleParameters.parse(input));
        input.values().forEach(v -> assertTrue(!v.isBlank()));
        assertTrue(RuleParameters.NAMES.containsAll(input.keySet()));
    }

    @Test
    void constructorValidatesToo() {
        assertThrows(InvalidRuleParameterException.class,
                () -> new RuleParameters(0, 30, RootCertificatePolicy.ROTATE, Optional.empty()));
        assertThrows(InvalidRuleParameterException.class,
                () -> new RuleParameters(90, 30, null, Optional.empty()));
        assertThrows(InvalidRuleParameterException.class,
                () -> new RuleParameters(90, 30, RootCertificatePolicy.ROTATE, Optional.of("")));
        assertEquals(Optional.empty(), new RuleParameters(90, 30, RootCertificatePolicy.ROTATE, null).exemptTagKey());
    }

    @Test
    void bidiOverridesAreNotEchoed() {
        InvalidRuleParameterException e = assertThrows(InvalidRuleParameterException.class,
                () -> RuleParameters.parse(Map.of("rootCertificatePolicy", "rot\u202Eetator")));
        assertFalse(e.getMessage().contains("\u202E"), e.getMessage());
        assertTrue(e.getMessage().contains("rot?etator"), e.getMessage());
    }

    /** Integer.parseInt reads Arabic-Indic and fullwidth digits as 90; a parameter must be ASCII digits. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0669\u0660", "\uff19\uff10", "\u0966\u0967", "9\u0660", "1_000", "0x10", "+-5", "12345678901"})
    void onlyAsciiDigitsAreDays(String value) {
        InvalidRuleParameterException e = assertThrows(InvalidRuleParameterException.class,
                () -> RuleParameters.parse(Map.of("maxCertificateAgeDays", value)));
        assertTrue(e.getMessage().startsWith("maxCertificateAgeDays must be a whole number of days from 1 to 3650"), e.getMessage());
    }

    @Test
    void signedAsciiDaysAreStillRangeChecked() {
        assertEquals(45, RuleParameters.parse(Map.of("maxCertificateAgeDays", "+45")).maxCertificateAgeDays());
        assertThrows(InvalidRuleParameterException.class, () -> RuleParameters.parse(Map.of("expiryWarningDays", "-1")));
    }
}
