package vn.kyso.ca.profile;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import vn.kyso.commons.crypto.custody.KeyAlgorithm;

/**
 * A certificate profile, held as data: what a certificate issued under it may contain.
 *
 * @param extendedKeyUsage dotted OIDs
 * @param subject the subject template, one entry per attribute, in order
 * @param custodyKeysOnly only keys generated in signing-service's custody may be certified under it
 * @param serverNames for a TLS server profile, the DNS names and IP addresses it may certify; empty otherwise
 */
public record CertificateProfile(String name, Duration validity, Set<KeyAlgorithm> keyAlgorithms,
        List<String> keyUsage, List<String> extendedKeyUsage, List<SubjectTemplate> subject,
        boolean custodyKeysOnly, List<String> serverNames) {

    /** Whether this profile certifies Kyso's own TLS endpoints rather than a subscriber. */
    public boolean forServers() {
        return !serverNames.isEmpty();
    }

    /** One subject attribute: its type and a value template with {@code {placeholders}}. */
    public record SubjectTemplate(String type, String value) {
    }
}
