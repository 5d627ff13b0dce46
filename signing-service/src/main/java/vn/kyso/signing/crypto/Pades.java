package vn.kyso.signing.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

import org.bouncycastle.asn1.ASN1InputStream;

import vn.kyso.sdk.crypto.Ades;
import vn.kyso.sdk.crypto.TimeStamps;

/**
 * The PAdES the signing transactions make (through {@link Ades}): B-T when the TSA answers, else B-B.
 */
public final class Pades {

    private Pades() {
    }

    /** A signed PDF and what it carries. */
    public record Signed(byte[] pdf, byte[] cms, String level) {
    }

    /** B-T when the TSA answers, else B-B: a signature is never lost to an unreachable TSA. */
    public static Signed sign(byte[] pdf, Ades.Signer ades, Instant signingTime, TimeStamps timeStamps) {
        return sign(pdf, null, ades, signingTime, timeStamps);
    }

    /** The same with a visible signature where {@code appearance} says (null: invisible). */
    public static Signed sign(byte[] pdf, Ades.Appearance appearance, Ades.Signer ades, Instant signingTime,
            TimeStamps timeStamps) {
        Ades.Content content = Ades.Content.of(pdf, "document.pdf");
        Ades.Signed signed;
        try {
            signed = Ades.sign(spec(Ades.Level.B_T, appearance), content, ades, signingTime,
                    Ades.Evidence.timeStampsOnly(timeStamps));
        } catch (Ades.Unavailable e) {
            signed = Ades.sign(spec(Ades.Level.B_B, appearance), content, ades, signingTime, Ades.Evidence.NONE);
        }
        return new Signed(signed.bytes(), lastSignature(signed.bytes()), signed.level());
    }

    private static Ades.Spec spec(Ades.Level level, Ades.Appearance appearance) {
        return new Ades.Spec(Ades.Format.PADES, Ades.Packaging.ENVELOPED, level, "SHA-256", appearance, null, false);
    }

    /** The CMS of the document's last signature, as the transaction keeps it (without the reserved space's padding). */
    private static byte[] lastSignature(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature signature = doc.getLastSignatureDictionary();
            try (ASN1InputStream cms = new ASN1InputStream(signature.getContents(pdf))) {
                return cms.readObject().getEncoded();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
