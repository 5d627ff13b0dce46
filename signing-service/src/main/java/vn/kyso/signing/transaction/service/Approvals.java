package vn.kyso.signing.transaction.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.audit.AuditTrail;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.model.DeviceChallenge;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.credential.repository.DeviceChallengeRepository;
import vn.kyso.signing.credential.service.DeviceProof;
import vn.kyso.signing.credential.service.PinCheck;
import vn.kyso.signing.credential.service.PinGuard;
import vn.kyso.signing.transaction.model.ApprovalEffect;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.transaction.repository.TransactionRepository;
import vn.kyso.signing.transaction.service.Outcomes.Decision;

/**
 * The subscriber's answer to a request: approve with PIN + device proof over a challenge bound to the transaction and
 * its digests (the items are then signed, or the signing call authorised), or reject with the device's proof.
 */
@ApplicationScoped
public class Approvals {

    private final CredentialRepository credentials;
    private final DeviceChallengeRepository challenges;
    private final PinGuard guard;
    private final AuditTrail audit;
    private final Outcomes outcomes;
    private final AuthorizedSigning authorized;
    private final TransactionRepository transactions;
    private final List<ApprovalListener> approvalListeners;
    private final SigningConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Approvals(CredentialRepository credentials, DeviceChallengeRepository challenges, PinGuard guard,
            AuditTrail audit, Outcomes outcomes, AuthorizedSigning authorized, TransactionRepository transactions,
            Instance<ApprovalListener> approvalListeners, SigningConfig config, Clock clock) {
        this.transactions = transactions;
        this.approvalListeners = approvalListeners.stream().toList();
        this.credentials = credentials;
        this.challenges = challenges;
        this.guard = guard;
        this.audit = audit;
        this.outcomes = outcomes;
        this.authorized = authorized;
        this.config = config;
        this.clock = clock;
    }

    /** A fresh challenge for approving or rejecting: random, and bound to the transaction id and its digests. */
    public Uni<DeviceChallenge> challenge(LoadedTransaction loaded) {
        return Panache.withTransaction(() -> {
            DeviceChallenge challenge = new DeviceChallenge();
            challenge.challenge = bindingChallenge(loaded);
            challenge.credentialId = loaded.transaction().credentialId;
            challenge.accountId = loaded.transaction().accountId;
            challenge.purpose = purpose(loaded.transaction().id);
            Instant end = clock.instant().plus(config.challengeLifetime());
            challenge.expiresAt = end.isBefore(loaded.transaction().expiresAt) ? end : loaded.transaction().expiresAt;
            return challenges.persist(challenge);
        });
    }

    private String bindingChallenge(LoadedTransaction loaded) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(loaded.transaction().id.toString().getBytes(StandardCharsets.US_ASCII));
            loaded.items().forEach(i -> sha.update(i.digest));
            byte[] bound = sha.digest();
            byte[] out = new byte[nonce.length + bound.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(bound, 0, out, nonce.length, bound.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String purpose(UUID transactionId) {
        return "TX:" + transactionId;
    }

    public Uni<LoadedTransaction> confirm(UUID accountId, UUID id, String pin, String challenge, DeviceProof device) {
        return Panache.withTransaction(() -> outcomes.lockPending(accountId, id).chain(state -> {
            if (state.problem() != null) {
                return Uni.createFrom().item(state);
            }
            SigningTransaction tx = state.loaded().transaction();
            return credentials.lockOwned(tx.credentialId, accountId).chain(credential -> {
                if (credential == null || credential.status != CredentialStatus.ACTIVE) {
                    return Uni.createFrom().item(new Decision(state.loaded(), null, new ProblemException(
                            SigningError.CREDENTIAL_NOT_USABLE, "The credential of this transaction cannot sign now")));
                }
                return guard.check(credential, pin, challenge, device, purpose(tx.id)).chain(check -> {
                    if (check.outcome() != PinCheck.Outcome.OK) {
                        return audit.record("SignatureApprovalRefused", tx.id, accountId, Map.of("reason",
                                check.outcome().name())).replaceWith(new Decision(state.loaded(), check, null));
                    }
                    Uni<Void> effect = tx.approvalEffect == ApprovalEffect.AUTHORIZE
                            ? authorized.authorize(state.loaded(), check.binding())
                            : outcomes.sign(state.loaded(), credential, check.binding());
                    return effect.call(() -> approved(tx)).replaceWith(new Decision(state.loaded(), check, null));
                });
            });
        })).map(outcomes::raise);
    }

    public Uni<LoadedTransaction> reject(UUID accountId, UUID id, String challenge, DeviceProof device) {
        return Panache.withTransaction(() -> outcomes.lockPending(accountId, id).chain(state -> {
            if (state.problem() != null) {
                return Uni.createFrom().item(state);
            }
            SigningTransaction tx = state.loaded().transaction();
            return credentials.findById(tx.credentialId).chain(credential -> guard.devicePresent(credential, challenge,
                    device, purpose(tx.id))).chain(present -> present != PinCheck.Outcome.OK
                            ? Uni.createFrom().item(new Decision(state.loaded(), PinCheck.of(present), null))
                            : outcomes.reject(tx).replaceWith(Decision.ok(state.loaded())));
        })).map(outcomes::raise);
    }

    private Uni<Void> approved(SigningTransaction tx) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ApprovalListener listener : approvalListeners) {
            chain = chain.chain(() -> listener.approved(tx));
        }
        return chain;
    }

    /**
     * The subscriber refuses every pending request of one requester (blocking it): each is rejected as if answered
     * "no", with its events and the requester's own notice. Inside the caller's database transaction; the caller calls
     * {@link #committed()} after its commit. Answers how many were rejected.
     */
    public Uni<Integer> refuseAllFrom(UUID accountId, String requesterId) {
        return transactions.find("accountId = ?1 and requesterId = ?2 and status = ?3", accountId, requesterId,
                TransactionStatus.PENDING).withLock(LockModeType.PESSIMISTIC_WRITE).list().chain(pending -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (SigningTransaction tx : pending) {
                        chain = chain.chain(() -> outcomes.reject(tx));
                    }
                    return chain.replaceWith(pending.size());
                });
    }

    /** After a commit of {@link #refuseAllFrom}: its events and the requesters' notices leave. */
    public void committed() {
        outcomes.committed();
    }
}
