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

    public Uni<List<IssuedCertificate>> goodForCredential(UUID credentialId) {
        return list("credentialId = ?1 and status = ?2", credentialId, CertificateStatus.GOOD);
    }

    public Uni<List<IssuedCertificate>> revoked() {
        return list("status", Sort.by("serialNumber"), CertificateStatus.REVOKED);
    }

    public Uni<List<IssuedCertificate>> bySerials(Collection<String> serials) {
        return list("serialNumber in ?1", serials);
    }

    public Uni<List<IssuedCertificate>> byAccount(UUID accountId) {
        return list("accountId", Sort.by("issuedAt"), accountId);
    }
}
