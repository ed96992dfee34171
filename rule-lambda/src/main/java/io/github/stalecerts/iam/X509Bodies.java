package io.github.stalecerts.iam;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** Reads the X.509 expiry out of an IAM certificate body (PEM). */
public final class X509Bodies {

    /** IAM's own limit on a certificate body; anything longer did not come from IAM. */
    static final int MAX_BODY_CHARS = 16_384;
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private X509Bodies() {
    }

    /**
     * The certificate's {@code notAfter}.
     *
     * @param certificateId named in the error, so the message says which certificate is bad without quoting it
     */
    public static Instant notAfter(String certificateId, String pemBody) {
        if (pemBody == null || pemBody.isBlank()) {
            throw bad(certificateId, "the body is empty");
        }
        if (pemBody.length() > MAX_BODY_CHARS) {
            throw bad(certificateId, "the body is " + pemBody.length() + " characters, over IAM's " + MAX_BODY_CHARS);
        }
        String body = pemBody.strip();
        if (!body.startsWith(BEGIN) || !body.endsWith(END) || body.indexOf(BEGIN, 1) >= 0) {
            throw bad(certificateId, "the body is not exactly one PEM CERTIFICATE block");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)));
            return certificate.getNotAfter().toInstant();
        } catch (CertificateException | RuntimeException e) {
            // The JDK's message can quote bytes of the body; keep only the exception type.
            throw bad(certificateId, "the body does not decode as X.509 (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static CertificateBodyException bad(String certificateId, String reason) {
        return new CertificateBodyException("signing certificate " + certificateId + " cannot be read: " + reason);
    }
}
