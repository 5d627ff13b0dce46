package vn.kyso.ca.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.ca.model.CertificateStatus;
import vn.kyso.ca.model.IssuedCertificate;

/** Issued certificates. */
@ApplicationScoped
@WithSession
public class IssuedCertificateRepository implements PanacheRepositoryBase<IssuedCertificate, String> {

    public Uni<IssuedCertificate> findByCredentialKey(UUID credentialId, String publicKeySha256) {
        return find("credentialId = ?1 and publicKeySha256 = ?2", credentialId, publicKeySha256).firstResult();
    }

    /** The credential's certificates not revoked for good (valid or on hold): what a new key supersedes. */
    public Uni<List<IssuedCertificate>> goodForCredential(UUID credentialId) {
        return list("credentialId = ?1 and status in ?2", credentialId, List.of(CertificateStatus.GOOD,
                CertificateStatus.SUSPENDED));
    }

    /** What the CRL lists: revoked certificates and those on hold. */
    public Uni<List<IssuedCertificate>> revoked() {
        return list("status in ?1", Sort.by("serialNumber"), List.of(CertificateStatus.REVOKED,
                CertificateStatus.SUSPENDED));
    }

    public Uni<List<IssuedCertificate>> bySerials(Collection<String> serials) {
        return list("serialNumber in ?1", serials);
    }

    public Uni<List<IssuedCertificate>> byAccount(UUID accountId) {
        return list("accountId", Sort.by("issuedAt"), accountId);
    }
}
