package vn.kyso.commons.crypto.custody;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/** The key types Kyso generates for subscribers and CAs, with their wire names and default signature algorithms. */
public enum KeyAlgorithm {
    RSA_2048("RSA-2048", "RSA", "SHA256withRSA"),
    RSA_3072("RSA-3072", "RSA", "SHA256withRSA"),
    EC_P256("EC-P256", "EC", "SHA256withECDSA"),
    EC_P384("EC-P384", "EC", "SHA384withECDSA");

    private final String wireName;
    private final String jcaName;
    private final String signatureAlgorithm;

    KeyAlgorithm(String wireName, String jcaName, String signatureAlgorithm) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name used in events, APIs and configuration, e.g. {@code RSA-2048}. */
    public String wireName() {
        return wireName;
    }

    /** {@code RSA} or {@code EC}. */
    public String jcaName() {
        return jcaName;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public AlgorithmParameterSpec parameters() {
        return switch (this) {
            case RSA_2048 -> new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4);
            case RSA_3072 -> new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4);
            case EC_P256 -> new ECGenParameterSpec("secp256r1");
            case EC_P384 -> new ECGenParameterSpec("secp384r1");
        };
    }

    public static Optional<KeyAlgorithm> fromWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equalsIgnoreCase(name)).findFirst();
    }
}
