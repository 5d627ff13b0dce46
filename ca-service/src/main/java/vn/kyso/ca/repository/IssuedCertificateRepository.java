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

    /** Every certificate of a credential (one per key it has had). */
    public Uni<List<IssuedCertificate>> forCredential(UUID credentialId) {
        return list("credentialId", credentialId);
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
