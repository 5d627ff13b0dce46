package vn.kyso.examples.einvoice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import vn.kyso.sdk.DocumentSigner;
import vn.kyso.sdk.Sp769Signer;
import vn.kyso.sdk.crypto.Ades;

/**
 * Signs an e-invoice as its seller: the XAdES signature goes into {@code DSCKS/NBan} over {@code DLHDon}, the invoice
 * never leaves this machine, and Kyso sees only a digest through the SmartCA SP769 contract.
 */
public final class EinvoiceSigner {

    private EinvoiceSigner() {
    }

    /** Where Kyso is and who asks. */
    public record Settings(String sp769Url, String tsaUrl, String spId, String spPassword, String userId,
            Ades.Level level) {

        static Settings fromEnvironment() {
            return new Settings(env("KYSO_SP769_URL", "http://127.0.0.1:8084/sca/sp769"),
                    env("KYSO_TSA_URL", "http://127.0.0.1:8083/tsa"), required("KYSO_SP_ID"),
                    required("KYSO_SP_PASSWORD"), required("KYSO_USER_ID"), Ades.Level.parse(env("KYSO_LEVEL",
                            "B-LT")));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EinvoiceSigner <invoice.xml> <signed.xml>   (settings: see README.md)");
            System.exit(2);
        }
        Settings settings = Settings.fromEnvironment();
        System.out.println("Waiting for " + settings.userId() + " to approve the signature in the Kyso app…");
        byte[] signed = sign(Files.readAllBytes(Path.of(args[0])), Path.of(args[0]).getFileName().toString(),
                settings);
        Files.write(Path.of(args[1]), signed);
        System.out.println("Signed (XAdES " + settings.level().label() + "): " + args[1]);
    }

    /** The signed invoice. */
    public static byte[] sign(byte[] invoice, String name, Settings settings) {
        Sp769Signer seller = new Sp769Signer(settings.sp769Url(), settings.spId(), settings.spPassword(),
                settings.userId(), Duration.ofSeconds(2), Duration.ofMinutes(5));
        return new DocumentSigner(settings.tsaUrl()).sign(invoice, name,
                DocumentSigner.Options.einvoice(settings.level()), seller);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is not set (see README.md)");
            System.exit(2);
        }
        return value;
    }
}
