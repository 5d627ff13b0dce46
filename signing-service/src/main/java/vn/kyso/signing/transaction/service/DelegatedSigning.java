package vn.kyso.signing.transaction.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.credential.service.Delegation;
import vn.kyso.signing.transaction.repository.TransactionRepository;
import vn.kyso.signing.transaction.service.Outcomes.Decision;

/**
 * Signing without the app's approval where the subscriber delegated it (password + TOTP): the requester presents the
 * transaction's unspent activation data, and the key opens with the binding sealed when delegation was turned on.
 */
@ApplicationScoped
public class DelegatedSigning {

    private final TransactionRepository transactions;
    private final CredentialRepository credentials;
    private final Delegation delegation;
    private final Outcomes outcomes;

    public DelegatedSigning(TransactionRepository transactions, CredentialRepository credentials, Delegation delegation,
            Outcomes outcomes) {
        this.transactions = transactions;
        this.credentials = credentials;
        this.delegation = delegation;
        this.outcomes = outcomes;
    }

    /** The activation data's hash goes on the pending transaction it authorises. */
    public Uni<Void> attachSad(UUID id, String sadHash) {
        return Panache.withTransaction(() -> transactions.findById(id).invoke(tx -> tx.sadHash = sadHash))
                .replaceWithVoid();
    }

    /** Signs a pending transaction whose unspent activation data was presented (checked here, then spent). */
    public Uni<LoadedTransaction> confirm(UUID id, String sadHash) {
        return Panache.withTransaction(() -> transactions.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(tx -> {
            if (tx == null || tx.sadHash == null || !MessageDigest.isEqual(tx.sadHash.getBytes(StandardCharsets
                    .US_ASCII), sadHash.getBytes(StandardCharsets.US_ASCII))) {
                return Uni.createFrom().failure(new ProblemException(SigningError.SAD_INVALID, "SAD_INVALID"));
            }
            return outcomes.lockPending(tx.accountId, id).chain(state -> {
                if (state.problem() != null) {
                    return Uni.createFrom().item(state);
                }
                tx.sadHash = null;
                return credentials.findById(tx.credentialId, LockModeType.PESSIMISTIC_WRITE).chain(credential -> {
                    if (credential == null || credential.status != CredentialStatus.ACTIVE
                            || credential.delegatedBindingSealed == null) {
                        return Uni.createFrom().item(new Decision(state.loaded(), null, new ProblemException(
                                SigningError.CREDENTIAL_NOT_USABLE, "TH delegation is not enabled")));
                    }
                    return outcomes.sign(state.loaded(), credential, delegation.binding(credential))
                            .replaceWith(Decision.ok(state.loaded()));
                });
            });
        })).map(outcomes::raise);
    }
}
