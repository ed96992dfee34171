package io.github.stalecerts.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stalecerts.testing.Certificates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class X509BodiesTest {

    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final String ID = "ASCACERTIFICATEID01";

    static Stream<Instant> expiries() {
        return Stream.of(Instant.parse("2026-12-31T23:59:59Z"), Instant.parse("2030-06-15T08:09:10Z"),
                Instant.parse("2049-12-31T23:59:59Z"), Instant.parse("2050-01-01T00:00:01Z"),
                Instant.parse("2025-01-01T00:00:01Z"));
    }

    @ParameterizedTest
    @MethodSource("expiries")
    void readsNotAfterToTheSecond(Instant notAfter) {
        assertEquals(notAfter, X509Bodies.notAfter(ID, Certificates.pem(NOT_BEFORE, notAfter)));
    }

    @Test
    void surroundingWhitespaceIsFine() {
        Instant notAfter = Instant.parse("2027-03-04T05:06:07Z");
        String pem = Certificates.pem(NOT_BEFORE, notAfter);
        assertEquals(notAfter, X509Bodies.notAfter(ID, "\n\n  " + pem + "  \r\n\t"));
        assertEquals(notAfter, X509Bodies.notAfter(ID, pem.replace("\n", "\r\n")));
    }

    static final String SECRET = "SECRETMARKER";

    static Stream<Arguments> badBodies() {
        String pem = Certificates.pem(NOT_BEFORE, Instant.parse("2027-01-01T00:00:00Z"));
        String base64 = pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").strip();
        byte[] junk = new byte[512];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 37 + 11);
        }
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", ""),
                Arguments.of("blank", "  \n "),
                Arguments.of("garbage", "hello " + SECRET),
                Arguments.of("private key", "-----BEGIN PRIVATE KEY-----\nMII" + SECRET + "AAAA\n-----END PRIVATE KEY-----\n"),
                Arguments.of("two certificates", pem + pem),
                Arguments.of("certificate then junk", pem + SECRET),
                Arguments.of("truncated base64", "-----BEGIN CERTIFICATE-----\n" + base64.substring(0, base64.length() / 2)
                        + "\n-----END CERTIFICATE-----\n"),
                Arguments.of("bad base64 with secret", "-----BEGIN CERTIFICATE-----\n" + SECRET + "!!!\n-----END CERTIFICATE-----"),
                Arguments.of("valid base64, not DER", "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder().encodeToString((SECRET + SECRET).getBytes(StandardCharsets.US_ASCII))
                        + "\n-----END CERTIFICATE-----"),
                Arguments.of("over 16384 chars", pem + " ".repeat(16_385 - pem.length()) + SECRET),
                Arguments.of("huge body", "-----BEGIN CERTIFICATE-----\n" + SECRET.repeat(2000) + "\n-----END CERTIFICATE-----"),
                Arguments.of("binary junk", new String(junk, StandardCharsets.ISO_8859_1) + SECRET),
                Arguments.of("binary junk inside armour", "-----BEGIN CERTIFICATE-----\n"
                        + new String(junk, StandardCharsets.ISO_8859_1) + SECRET + "\n-----END CERTIFICATE-----"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyNamesTheIdAndNeverQuotesTheBody(String name, String body) {
        CertificateBodyException e = assertThrows(CertificateBodyException.class, () -> X509Bodies.notAfter(ID, body));
        assertTrue(e.getMessage().contains(ID), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.getMessage().contains("MII"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        Throwable cause = e.getCause();
        while (cause != null) {
            assertFalse(String.valueOf(cause.getMessage()).contains(SECRET), "cause quotes the body");
            cause = cause.getCause();
        }
    }

    @Test
    void bodyOfExactly16384CharsIsAccepted() {
        Instant notAfter = Instant.parse("2028-08-08T08:08:08Z");
        String pem = Certificates.pem(NOT_BEFORE, notAfter);
        String padded = pem + " ".repeat(X509Bodies.MAX_BODY_CHARS - pem.length());
        assertEquals(16_384, padded.length());
        assertEquals(notAfter, X509Bodies.notAfter(ID, padded));
    }
}
