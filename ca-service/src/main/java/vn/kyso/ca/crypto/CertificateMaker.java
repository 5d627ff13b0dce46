package vn.kyso.ca.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import vn.kyso.commons.crypto.custody.CustodyContentSigner;

/** Builds and signs X.509 certificates for the CA hierarchy and for subscribers, and checks what it produced. */
public final class CertificateMaker {

    private static final JcaX509ExtensionUtils EXTENSIONS;

    static {
        try {
            EXTENSIONS = new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private CertificateMaker() {
    }

    /**
     * What goes into a subscriber certificate; everything was granted by the profile before it gets here.
     *
     * @param keyUsage names such as {@code digitalSignature}, {@code nonRepudiation}
     * @param extendedKeyUsage dotted OIDs
     * @param serverNames DNS names and IP literals for the subject alternative name; empty for a subscriber
     */
    public record EndEntitySpec(List<NameAttribute> subject, PublicKey publicKey, BigInteger serial, Instant notBefore,
            Instant notAfter, List<String> keyUsage, List<String> extendedKeyUsage, String caIssuersUrl,
            String ocspUrl, String crlUrl, List<String> serverNames) {
    }

    /** Whether {@code name} is an IPv4 or IPv6 literal rather than a DNS name. */
    public static boolean isIpLiteral(String name) {
        return org.bouncycastle.util.IPAddress.isValid(name);
    }

    public static X500Name name(List<NameAttribute> attributes) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (NameAttribute attribute : attributes) {
            builder.addRDN(BCStyle.INSTANCE.attrNameToOID(attribute.type()), attribute.value());
        }
        return builder.build();
    }

    /** A self-signed root: CA, may sign certificates and CRLs. */
    public static X509Certificate root(String subject, PublicKey key, CaSignerFactory signer, BigInteger serial,
            Instant notBefore, Instant notAfter) {
        try {
            X500Name name = new X500Name(BCStyle.INSTANCE, subject);
            var builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore), Date.from(notAfter), name,
                    key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, EXTENSIONS.createSubjectKeyIdentifier(key));
            return toX509(builder.build(signer.contentSigner()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a CA certificate's relying parties find its issuer and its issuer's CRL (AIA caIssuers, CRL DP). */
    public record Publication(String caIssuersUrl, String crlUrl) {
    }

    /**
     * An issuing CA under the root: may sign end-entity certificates, CRLs and OCSP answers, no sub-CAs below it. Its
     * AIA and CRL DP name the root's certificate and the root's CRL, so long-term signatures can prove it unrevoked.
     */
    public static X509Certificate issuing(String subject, PublicKey key, CaSigner root, BigInteger serial,
            Instant notBefore, Instant notAfter, Publication publication) {
        try {
            var builder = new JcaX509v3CertificateBuilder(root.certificate(), serial, Date.from(notBefore),
                    Date.from(notAfter), new X500Name(BCStyle.INSTANCE, subject), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, EXTENSIONS.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            EXTENSIONS.createAuthorityKeyIdentifier(root.certificate()));
            published(builder, publication);
            return toX509(builder.build(root.contentSigner()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the issuing CA certificate", e);
        }
    }

    /**
     * The time-stamping authority's certificate: the critical, sole timeStamping EKU RFC 3161 requires; AIA and CRL DP
     * as a CA certificate's, so a time-stamp in a long-term signature carries the proof its TSA was not revoked.
     */
    public static X509Certificate timeStamping(String subject, PublicKey key, CaSigner issuer, BigInteger serial,
            Instant notBefore, Instant notAfter, Publication publication) {
        try {
            var builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial, Date.from(notBefore),
                    Date.from(notAfter), new X500Name(BCStyle.INSTANCE, subject), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                    .addExtension(Extension.subjectKeyIdentifier, false, EXTENSIONS.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            EXTENSIONS.createAuthorityKeyIdentifier(issuer.certificate()));
            published(builder, publication);
            return toX509(builder.build(issuer.contentSigner()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TSA certificate", e);
        }
    }

    private static void published(org.bouncycastle.cert.X509v3CertificateBuilder builder, Publication publication)
            throws IOException {
        if (publication == null) {
            return;
        }
        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers, uri(publication.caIssuersUrl()))))
                .addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(uri(publication.crlUrl()))), null,
                            null)}));
    }

    /** A subscriber certificate, signed by the issuing CA through custody. */
    public static byte[] endEntity(EndEntitySpec spec, CaSigner issuer) {
        try {
            var builder = new JcaX509v3CertificateBuilder(issuer.certificate(), spec.serial(),
                    Date.from(spec.notBefore()), Date.from(spec.notAfter()), name(spec.subject()), spec.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageBits(spec.keyUsage())))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            EXTENSIONS.createSubjectKeyIdentifier(spec.publicKey()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            EXTENSIONS.createAuthorityKeyIdentifier(issuer.certificate()))
                    .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                            new AccessDescription[] {
                                new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers, uri(spec.caIssuersUrl())),
                                new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp, uri(spec.ocspUrl()))}))
                    .addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                        new DistributionPoint(new DistributionPointName(new GeneralNames(uri(spec.crlUrl()))), null,
                                null)}));
            if (!spec.serverNames().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(spec.serverNames()
                        .stream().map(n -> new GeneralName(isIpLiteral(n) ? GeneralName.iPAddress : GeneralName.dNSName,
                                n))
                        .toArray(GeneralName[]::new)));
            }
            if (!spec.extendedKeyUsage().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.extendedKeyUsage()
                        .stream().map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                        .toArray(KeyPurposeId[]::new)));
            }
            return builder.build(issuer.contentSigner()).getEncoded();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the certificate", e);
        }
    }

    /**
     * The check after signing: the bytes parse as X.509, the issuer's key verifies the signature, and the certified key
     * is the requested one.
     *
     * @throws IllegalStateException when any of it does not hold
     */
    public static X509Certificate verifyIssued(byte[] der, X509Certificate issuer, PublicKey expectedKey) {
        X509Certificate certificate = parse(der);
        try {
            PublicKey issuerKey = issuer.getPublicKey();
            if (Providers.isEc(issuerKey)) {
                certificate.verify(Providers.ownCached(issuerKey), Providers.FAST_EC);
            } else {
                certificate.verify(issuerKey);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the issued certificate does not verify with the issuing CA's key", e);
        }
        if (!Arrays.equals(certificate.getPublicKey().getEncoded(), expectedKey.getEncoded())) {
            throw new IllegalStateException("the issued certificate certifies another key");
        }
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new IllegalStateException("the issued certificate names another issuer");
        }
        return certificate;
    }

    public static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a DER X.509 certificate", e);
        }
    }

    /** RFC 2253 form of a certificate's subject with non-ASCII characters kept as UTF-8. */
    public static String subjectOf(X509Certificate certificate) {
        return X500Name.getInstance(BCStyle.INSTANCE, certificate.getSubjectX500Principal().getEncoded()).toString();
    }

    private static X509Certificate toX509(X509CertificateHolder holder) {
        try {
            return parse(holder.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }

    private static int keyUsageBits(List<String> names) {
        int bits = 0;
        for (String name : names) {
            bits |= switch (name) {
                case "digitalSignature" -> KeyUsage.digitalSignature;
                case "nonRepudiation", "contentCommitment" -> KeyUsage.nonRepudiation;
                case "keyEncipherment" -> KeyUsage.keyEncipherment;
                case "dataEncipherment" -> KeyUsage.dataEncipherment;
                case "keyAgreement" -> KeyUsage.keyAgreement;
                default -> throw new IllegalArgumentException("unknown key usage " + name);
            };
        }
        return bits;
    }

    /** A signer for a self-signed certificate, before the CA has a certificate of its own. */
    public interface CaSignerFactory {
        org.bouncycastle.operator.ContentSigner contentSigner();

        static CaSignerFactory of(vn.kyso.commons.crypto.custody.KeySigner key, String algorithm) {
            return () -> new CustodyContentSigner(key, algorithm);
        }
    }
}
