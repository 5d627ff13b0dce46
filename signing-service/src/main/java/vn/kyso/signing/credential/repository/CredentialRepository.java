package vn.kyso.signing.credential.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.model.CredentialStatus;

/** Credentials. */
@ApplicationScoped
@WithSession
public class CredentialRepository implements PanacheRepositoryBase<Credential, UUID> {

    public Uni<List<Credential>> byAccount(UUID accountId) {
        return list("accountId", Sort.by("createdAt"), accountId);
    }

    public Uni<Long> countLive(UUID accountId) {
        return count("accountId = ?1 and status in ?2", accountId,
                List.of(CredentialStatus.CERT_PENDING, CredentialStatus.ACTIVE));
    }

    /** Every root certificate Kyso's credentials chain to (DER): the anchors validation trusts as Kyso's. */
    public Uni<List<byte[]>> roots() {
        return getSession().flatMap(session -> session.createSelectionQuery(
                "select distinct c.rootCertificate from Credential c where c.rootCertificate is not null",
                byte[].class).getResultList());
    }

    /** Row-locked, so concurrent PIN attempts are counted one after the other. */
    public Uni<Credential> lockOwned(UUID id, UUID accountId) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(c -> c != null && c.accountId.equals(accountId) ? c : null);
    }
}
