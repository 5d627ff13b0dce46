package vn.kyso.commons.crypto.custody;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys generated and used inside a PKCS#11 token through the JDK's SunPKCS11 provider (an HSM in production, SoftHSM2
 * in tests): private keys are token objects, sensitive and non-extractable. The binding is not needed here (the token
 * never releases the key), so the caller's PIN check is what authorises use.
 *
 * <p>SunPKCS11's key store only finds a private key through a certificate, so each key is stored with a self-signed
 * placeholder certificate. Reference format: {@code p11:<alias>}.
 */
public final class Pkcs11KeyCustody implements KeyCustody {

    private static final String PREFIX = "p11:";

    private final Provider provider;
    private final KeyStore store;
    private final Map<String, PrivateKey> opened = new ConcurrentHashMap<>();
    private final Map<String, Key> secrets = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param slot the slot id, or null to use {@code slotListIndex}
     * @param pin the token's user PIN
     */
    public Pkcs11KeyCustody(String name, String library, Long slot, int slotListIndex, char[] pin) {
        String config = "--name = " + name + "\n"
                + "library = " + library + "\n"
                + (slot != null ? "slot = " + slot : "slotListIndex = " + slotListIndex) + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n"
                + "attributes(generate, CKO_PUBLIC_KEY, *) = {\n  CKA_TOKEN = true\n}\n"
                + "attributes(generate, CKO_SECRET_KEY, *) = {\n"
                + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
        try {
            this.provider = Security.getProvider("SunPKCS11").configure(config);
            this.store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new CustodyException("the PKCS#11 token cannot be opened (library " + library + ")", e);
        }
    }

    @Override
    public String backend() {
        return "pkcs11";
    }

    @Override
    public GeneratedKey generate(KeyAlgorithm algorithm, String label, byte[] binding) {
        String alias = label + "." + HexFormat.of().formatHex(random.generateSeed(4));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName(), provider);
            generator.initialize(algorithm.parameters());
            KeyPair pair = generator.generateKeyPair();
            X509Certificate placeholder = placeholder(pair, algorithm, alias);
            synchronized (store) {
                store.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {placeholder});
            }
            return new GeneratedKey(PREFIX + alias, pair.getPublic());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new CustodyException("key generation in the token failed for " + algorithm.wireName(), e);
        }
    }

    @Override
    public KeySigner open(String reference, byte[] binding) {
        PrivateKey key = opened.computeIfAbsent(alias(reference), this::load);
        return (signatureAlgorithm, data) -> {
            try {
                Signature signature = Signature.getInstance(signatureAlgorithm, provider);
                signature.initSign(key);
                signature.update(data);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new CustodyException("signing with " + signatureAlgorithm + " in the token failed", e);
            }
        };
    }

    @Override
    public String generateSecret(String label) {
        String alias = label + "." + HexFormat.of().formatHex(random.generateSeed(4));
        try {
            KeyGenerator generator = KeyGenerator.getInstance("HmacSHA256", provider);
            // Explicit: the provider's default length for a generic secret is not 256 bits.
            generator.init(256);
            SecretKey key = generator.generateKey();
            synchronized (store) {
                if (store.containsAlias(alias)) {
                    throw new CustodyException("a key named " + alias + " is already in the token", null);
                }
                store.setKeyEntry(alias, key, null, null);
            }
            return PREFIX + alias;
        } catch (GeneralSecurityException e) {
            throw new CustodyException("secret key generation in the token failed", e);
        }
    }

    @Override
    public byte[] hmac(String reference, byte[] data) {
        Key key = secrets.computeIfAbsent(alias(reference), this::loadSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256", provider);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new CustodyException("HMAC in the token failed", e);
        }
    }

    private Key loadSecret(String alias) {
        try {
            synchronized (store) {
                if (store.getKey(alias, null) instanceof SecretKey key) {
                    return key;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new CustodyException("the token cannot read the key", e);
        }
        throw new CustodyException("no such secret key in the token", null);
    }

    @Override
    public String rebind(String reference, byte[] oldBinding, byte[] newBinding) {
        alias(reference);
        return reference;
    }

    @Override
    public void destroy(String reference) {
        String alias = alias(reference);
        opened.remove(alias);
        try {
            synchronized (store) {
                store.deleteEntry(alias);
            }
        } catch (GeneralSecurityException e) {
            throw new CustodyException("the token refused to destroy the key", e);
        }
    }

    private PrivateKey load(String alias) {
        try {
            synchronized (store) {
                if (store.getKey(alias, null) instanceof PrivateKey key) {
                    return key;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new CustodyException("the token cannot read the key", e);
        }
        throw new CustodyException("no such key in the token", null);
    }

    private static String alias(String reference) {
        if (reference == null || !reference.startsWith(PREFIX) || reference.length() == PREFIX.length()) {
            throw new CustodyException("not a PKCS#11 custody reference", null);
        }
        return reference.substring(PREFIX.length());
    }

    private X509Certificate placeholder(KeyPair pair, KeyAlgorithm algorithm, String alias)
            throws OperatorCreationException, GeneralSecurityException {
        X500Name name = new X500Name("CN=kyso custody " + alias.replaceAll("[^A-Za-z0-9.-]", ""));
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random).setBit(63), Date.from(now),
                Date.from(now.plus(3650, ChronoUnit.DAYS)), name, pair.getPublic());
        var signer = new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).setProvider(provider)
                .build(pair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
