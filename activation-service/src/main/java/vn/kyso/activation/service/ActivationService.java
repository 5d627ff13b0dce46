package vn.kyso.activation.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import vn.kyso.activation.config.ActivationConfig;
import vn.kyso.activation.crypto.ActivationCodes;
import vn.kyso.activation.model.Activation;
import vn.kyso.activation.model.ActivationState;
import vn.kyso.activation.repository.ActivationRepository;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.events.EventTypes;
import vn.kyso.events.MalformedEventException;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.activation.ActivationCodeIssued;
import vn.kyso.events.notification.ActivationEmailRequested;

/** The activation saga's rules: starting an activation and issuing its codes. */
@ApplicationScoped
public class ActivationService {

    private final ActivationRepository activations;
    private final ActivationCodes codes;
    private final Outbox outbox;
    private final ActivationConfig config;
    private final Clock clock;

    public ActivationService(ActivationRepository activations, ActivationCodes codes, Outbox outbox,
            ActivationConfig config, Clock clock) {
        this.activations = activations;
        this.codes = codes;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts the activation of a new account with its first code; runs inside the consumer's transaction. The code
     * leaves this method only as a keyed hash (stored) and sealed for notification-service (in the outbox).
     */
    public Uni<Activation> forAccount(UUID accountId) {
        return activations.findByAccount(accountId);
    }

    public Uni<Void> start(AccountCreated account) {
        if (account.accountId() == null || account.identifier() == null || account.email() == null) {
            throw new MalformedEventException("AccountCreated lacks accountId, identifier or email");
        }
        return activations.findByAccount(account.accountId()).chain(existing -> {
            if (existing != null) {
                // The same account announced twice under different event ids: one activation is enough.
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            Activation a = new Activation();
            a.id = UUID.randomUUID();
            a.accountId = account.accountId();
            a.identifier = account.identifier();
            a.email = account.email();
            a.fullName = account.fullName() == null ? "" : account.fullName();
            a.state = ActivationState.CODE_SENT;
            a.createdAt = now;
            a.updatedAt = now;
            return activations.persist(a).chain(() -> issueCode(a, "ACCOUNT_CREATED"));
        });
    }

    /**
     * Moves the wizard forward to {@code target} (never back: events from different topics may arrive in any order) for
     * the account's own credential; runs inside the consumer's transaction. An account has one credential: an event
     * about another one (a replay, a stray producer) neither moves the wizard nor takes it over, and an event that
     * changes nothing writes nothing. Answers the activation the event was about, or null for none.
     */
    public Uni<Activation> advance(UUID accountId, UUID credentialId, ActivationState target) {
        return advance(accountId, credentialId, target, a -> { });
    }

    /** As above, letting {@code update} record what the step brought. */
    public Uni<Activation> advance(UUID accountId, UUID credentialId, ActivationState target,
            java.util.function.Consumer<Activation> update) {
        return activations.findByAccount(accountId).map(a -> {
            if (a == null || (a.credentialId != null && !a.credentialId.equals(credentialId))) {
                return null;
            }
            ActivationState state = a.state;
            String serial = a.certificateSerial;
            boolean adopted = a.credentialId == null;
            a.credentialId = credentialId;
            update.accept(a);
            if (a.state.ordinal() < target.ordinal()) {
                a.state = target;
            }
            if (adopted || a.state != state || !Objects.equals(serial, a.certificateSerial)) {
                a.updatedAt = clock.instant();
            }
            return a;
        });
    }

    /** Issues a fresh code (the previous one dies) and unlocks; runs inside the caller's transaction. */
    public Uni<Void> issueCode(Activation a, String reason) {
        Instant now = clock.instant();
        String code = codes.newCode();
        a.codeHash = codes.hash(a.id, code);
        a.codeExpiresAt = now.plus(config.codeValidity());
        // A new code lifts the lock of wrong tries in a row, not the activation's failure budget (only an operator does).
        if (a.totalFailures < config.maxTotalCodeAttempts()) {
            a.failedAttempts = 0;
            a.lockedAt = null;
        }
        a.updatedAt = now;
        ActivationEmailRequested email = new ActivationEmailRequested(a.id, a.accountId, a.identifier, a.fullName,
                a.email, codes.seal(a.id, code), a.codeExpiresAt);
        return outbox.append(EventTypes.ACTIVATION_EMAIL_REQUESTED, a.accountId, email)
                .chain(() -> outbox.append(EventTypes.ACTIVATION_CODE_ISSUED, a.id,
                        new ActivationCodeIssued(a.id, a.accountId, reason, a.codeExpiresAt, now)))
                .replaceWithVoid();
    }
}
