package vn.kyso.signing.transaction.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.audit.AuditTrail;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.crypto.SealedSecrets;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionStatus;

/**
 * Approvals that authorise rather than sign: the key's binding is sealed to the transaction for a short window, so the
 * requester's signing call can sign exactly those items without the PIN, once (SCAL2: bound, counted, single use).
 */
@ApplicationScoped
public class AuthorizedSigning {

    private static final String AUTHORIZED_BINDING = "csc-binding.v1";
    /** How long an approved authorisation may wait for its signing call. */
    public static final Duration AUTHORIZATION_WINDOW = Duration.ofMinutes(5);

    private final CredentialRepository credentials;
    private final SealedSecrets sealed;
    private final AuditTrail audit;
    private final Outcomes outcomes;
    private final Clock clock;

    public AuthorizedSigning(CredentialRepository credentials, SealedSecrets sealed, AuditTrail audit,
            Outcomes outcomes, Clock clock) {
        this.credentials = credentials;
        this.sealed = sealed;
        this.audit = audit;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** The subscriber approved: the binding waits, sealed, for the signing call. */
    Uni<Void> authorize(LoadedTransaction loaded, byte[] binding) {
        SigningTransaction tx = loaded.transaction();
        Instant now = clock.instant();
        tx.status = TransactionStatus.AUTHORIZED;
        tx.authorizedBindingSealed = sealed.seal(AUTHORIZED_BINDING, binding, tx.id.toString());
        tx.expiresAt = now.plus(AUTHORIZATION_WINDOW);
        return audit.record("SignatureAuthorized", tx.id, tx.accountId, Map.of("items", loaded.items().size()));
    }

    /**
     * The signing call, inside the caller's transaction with the transaction locked and its activation data checked:
     * signs every authorised item now and wipes the sealed binding.
     */
    public Uni<Void> signAuthorized(LoadedTransaction loaded) {
        return signAuthorized(loaded, null);
    }

    /** As {@link #signAuthorized(LoadedTransaction)}, each item signed by {@code itemSigning} (null: its digest). */
    public Uni<Void> signAuthorized(LoadedTransaction loaded, ItemSigning itemSigning) {
        SigningTransaction tx = loaded.transaction();
        if (tx.status != TransactionStatus.AUTHORIZED || tx.authorizedBindingSealed == null
                || !clock.instant().isBefore(tx.expiresAt)) {
            return Uni.createFrom().failure(new ProblemException(SigningError.TRANSACTION_NOT_PENDING,
                    "The authorisation is no longer usable"));
        }
        byte[] binding = sealed.open(AUTHORIZED_BINDING, tx.authorizedBindingSealed, tx.id.toString());
        tx.authorizedBindingSealed = null;
        return credentials.findById(tx.credentialId).chain(credential -> {
            if (credential == null || credential.status != CredentialStatus.ACTIVE) {
                return Uni.createFrom().failure(new ProblemException(SigningError.CREDENTIAL_NOT_USABLE,
                        "The credential cannot sign now"));
            }
            return outcomes.sign(loaded, credential, binding, itemSigning);
        });
    }

    /** After the caller's commit. */
    public void committed() {
        outcomes.committed();
    }
}
