package vn.kyso.ca.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The CA hierarchy, its public URLs, revocation publishing and the certificate profiles (data, not code). */
@ConfigMapping(prefix = "kyso.ca")
public interface CaConfig {

    /** Base URL of ca-service's public PKI endpoints as relying parties reach it; written into AIA and CRL DP. */
    @WithDefault("http://127.0.0.1:8083")
    String publicUrl();

    /** The self-signed root CA created on first start. */
    Authority root();

    /** The issuing CA under the root; signs subscriber certificates, CRLs and OCSP answers. */
    Authority issuing();

    /** The RFC 3161 time-stamping unit, certified by the issuing CA. */
    Authority tsa();

    /** CRL publishing. */
    Crl crl();

    /** OCSP answers. */
    Ocsp ocsp();

    /** The policy OID written into time-stamp tokens. */
    @WithDefault("2.25.305223297406203226779734612580012263521")
    String tsaPolicy();

    /** The profile used when a request names none. */
    @WithDefault("subscriber")
    String defaultProfile();

    /** Certificate profiles by name. */
    Map<String, Profile> profiles();

    /** One CA key and certificate. */
    interface Authority {

        /** Distinguished name, e.g. {@code C=VN,O=Kyso,CN=Kyso Root CA}. */
        String subject();

        /** {@code EC-P256}, {@code EC-P384}, {@code RSA-2048} or {@code RSA-3072}. */
        String keyAlgorithm();

        /** Certificate lifetime. */
        Duration validity();
    }

    /** CRL publishing. */
    interface Crl {

        /** Time from thisUpdate to nextUpdate. */
        @WithDefault("P1D")
        Duration validity();

        /** A new CRL is published once less than this remains before nextUpdate (and on every revocation). */
        @WithDefault("PT12H")
        Duration refreshBefore();
    }

    /** OCSP answers. */
    interface Ocsp {

        /** nextUpdate of each answer, from now. */
        @WithDefault("PT1H")
        Duration validity();
    }

    /** A certificate profile. */
    interface Profile {

        /** Certificate lifetime; requests may not exceed it. */
        @WithDefault("P365D")
        Duration validity();

        /** Key types a CSR may carry, e.g. {@code RSA-2048,EC-P256}. */
        List<String> keyAlgorithms();

        /** Key usage names, e.g. {@code digitalSignature,nonRepudiation}. */
        List<String> keyUsage();

        /** Extended key usages: names ({@code emailProtection}, {@code documentSigning}, ...) or dotted OIDs. */
        Optional<List<String>> extendedKeyUsage();

        /**
         * Subject template, attributes separated by {@code |}, values may use {@code {fullName}}, {@code {province}},
         * {@code {locality}}, {@code {idType}}, {@code {identifier}}; an attribute whose value comes out empty is left
         * out.
         */
        String subject();

        /**
         * Whether only keys signing-service generated in its custody (announced by {@code KeyPairActivated}) may be
         * certified: true for every profile that certifies a subscriber's identity (sole control), false only for
         * profiles of Kyso's own systems.
         */
        @WithDefault("true")
        boolean custodyKeysOnly();

        /**
         * For a TLS server profile only: the DNS names and IP addresses its certificates may carry (subject
         * alternative names), matched exactly; a profile with server names certifies Kyso's own endpoints, never an
         * account, and only an operator asks for it.
         */
        Optional<List<String>> serverNames();
    }
}
