package vn.kyso.ca.crypto;

import java.io.IOException;
import java.io.StringReader;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Accepts a CSR as PEM or as base64 DER, the two forms clients send. */
public final class Der {

    private Der() {
    }

    /** @throws IllegalArgumentException when the text is neither */
    public static byte[] fromPemOrBase64(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        if (text.contains("-----BEGIN")) {
            try (PemReader reader = new PemReader(new StringReader(text))) {
                PemObject object = reader.readPemObject();
                if (object == null) {
                    throw new IllegalArgumentException("no PEM object");
                }
                return object.getContent();
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("unreadable PEM");
            }
        }
        return java.util.Base64.getMimeDecoder().decode(text.strip());
    }
}
