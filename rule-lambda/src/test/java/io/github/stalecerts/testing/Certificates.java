package io.github.stalecerts.testing;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real self-signed X.509 certificates with chosen validity, PEM-encoded as IAM stores them. */
public final class Certificates {

    private static final AtomicLong SERIAL = new AtomicLong(1);
    private static final KeyPair KEYS = keys();

    private Certificates() {
    }

    public static String pem(Instant notBefore, Instant notAfter) {
        try {
            X500Name subject = new X500Name("CN=signing-certificate-test");
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore), Date.from(notAfter),
                    subject, KEYS.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate()));
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(holder);
            }
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
