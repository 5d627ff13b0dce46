package vn.kyso.ca.profile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import vn.kyso.ca.config.CaConfig;
import vn.kyso.commons.crypto.custody.KeyAlgorithm;

/** The configured profiles, read and checked once at start so a bad profile stops the service instead of a request. */
@ApplicationScoped
public class ProfileRegistry {

    private static final Pattern OID = Pattern.compile("[0-2](\\.\\d+)+");
    private static final Set<String> KEY_USAGES = Set.of("digitalSignature", "nonRepudiation", "contentCommitment",
            "keyEncipherment", "dataEncipherment", "keyAgreement");
    private static final Set<String> SUBJECT_TYPES = Set.of("C", "ST", "L", "O", "OU", "CN", "UID", "SERIALNUMBER", "E");
    private static final Map<String, String> EKU = Map.of(
            "emailProtection", "1.3.6.1.5.5.7.3.4",
            "clientAuth", "1.3.6.1.5.5.7.3.2",
            "serverAuth", "1.3.6.1.5.5.7.3.1",
            // RFC 9336 id-kp-documentSigning
            "documentSigning", "1.3.6.1.5.5.7.3.36",
            "codeSigning", "1.3.6.1.5.5.7.3.3");

    private final Map<String, CertificateProfile> profiles = new TreeMap<>();
    private final String defaultProfile;

    public ProfileRegistry(CaConfig config) {
        config.profiles().forEach((name, p) -> profiles.put(name, read(name, p)));
        this.defaultProfile = config.defaultProfile();
        if (!profiles.containsKey(defaultProfile)) {
            throw new IllegalStateException("kyso.ca.default-profile names no configured profile: " + defaultProfile);
        }
    }

    public Optional<CertificateProfile> find(String name) {
        return Optional.ofNullable(profiles.get(name == null ? defaultProfile : name));
    }

    public CertificateProfile defaultProfile() {
        return profiles.get(defaultProfile);
    }

    static CertificateProfile read(String name, CaConfig.Profile p) {
        Set<KeyAlgorithm> keys = new LinkedHashSet<>();
        for (String k : p.keyAlgorithms()) {
            keys.add(KeyAlgorithm.fromWireName(k.strip()).orElseThrow(
                    () -> new IllegalStateException("profile " + name + ": unknown key algorithm " + k)));
        }
        for (String usage : p.keyUsage()) {
            if (!KEY_USAGES.contains(usage.strip())) {
                throw new IllegalStateException("profile " + name + ": unknown key usage " + usage);
            }
        }
        List<String> eku = p.extendedKeyUsage().orElse(List.of()).stream().map(String::strip).map(e -> {
            String oid = EKU.getOrDefault(e, e);
            if (!OID.matcher(oid).matches()) {
                throw new IllegalStateException("profile " + name + ": unknown extended key usage " + e);
            }
            return oid;
        }).toList();
        List<CertificateProfile.SubjectTemplate> subject = java.util.Arrays.stream(p.subject().split("\\|"))
                .map(String::strip).filter(s -> !s.isEmpty()).map(part -> {
                    int eq = part.indexOf('=');
                    String type = eq < 0 ? "" : part.substring(0, eq).strip().toUpperCase(java.util.Locale.ROOT);
                    if (!SUBJECT_TYPES.contains(type)) {
                        throw new IllegalStateException("profile " + name + ": bad subject attribute " + part);
                    }
                    return new CertificateProfile.SubjectTemplate(type, part.substring(eq + 1).strip());
                }).toList();
        if (subject.isEmpty()) {
            throw new IllegalStateException("profile " + name + ": empty subject template");
        }
        boolean namesASubscriber = subject.stream().anyMatch(part -> part.value().contains("{identifier}")
                || part.value().contains("{fullName}"));
        if (namesASubscriber && !p.custodyKeysOnly()) {
            // A subscriber's identity is certified only for a key in Kyso's custody, whatever the configuration says.
            throw new IllegalStateException("profile " + name + " names a subscriber, so custody-keys-only must be true");
        }
        List<String> serverNames = p.serverNames().orElse(List.of()).stream().map(String::strip)
                .filter(n -> !n.isEmpty()).toList();
        if (!serverNames.isEmpty() && (namesASubscriber || p.custodyKeysOnly())) {
            throw new IllegalStateException("profile " + name + " certifies servers: its subject may not name a"
                    + " subscriber and custody-keys-only must be false");
        }
        return new CertificateProfile(name, p.validity(), Set.copyOf(keys), p.keyUsage().stream().map(String::strip)
                .toList(), eku, subject, p.custodyKeysOnly(), serverNames);
    }
}
