package io.github.stalecerts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The code of a Lambda function that moto must hold before it accepts a custom Config rule naming it;
 * nothing ever invokes it.
 */
public final class PlaceholderFunction {

    private PlaceholderFunction() {
    }

    /** A zip with one text file: enough for moto's CreateFunction. */
    public static byte[] zip() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("placeholder.txt"));
                zip.write("never invoked".getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
