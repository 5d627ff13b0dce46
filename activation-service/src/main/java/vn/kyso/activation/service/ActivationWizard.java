package vn.kyso.activation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.activation.client.AccountServiceClient;
import vn.kyso.activation.config.ActivationConfig;
import vn.kyso.activation.crypto.ActivationCodes;
import vn.kyso.activation.model.Activation;
import vn.kyso.activation.model.ActivationState;
import vn.kyso.activation.model.UnknownIdentifierAttempt;
import vn.kyso.activation.repository.ActivationRepository;
import vn.kyso.activation.repository.UnknownIdentifierRepository;
import vn.kyso.activation.rest.VerifyRequest;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.PasswordPolicy;
import vn.kyso.commons.db.NativeSelects;

/**
 * Wizard step 1 (code + password + terms) and code resends. Unknown identifiers take the same path as wrong codes —
 * same answers, counted and locked alike — so nothing reveals which accounts exist.
 */
@ApplicationScoped
public class ActivationWizard {

    private static final Pattern CODE = Pattern.compile("\\d{6}");

    private final ActivationRepository activations;
    private final UnknownIdentifierRepository unknown;
    private final ActivationCodes codes;
    private final ActivationService service;
    private final AccountGateway accounts;
    private final ActivationConfig config;
    private final OutboxRelay relay;
    private final Clock clock;

    public ActivationWizard(ActivationRepository activations, UnknownIdentifierRepository unknown,
            ActivationCodes codes, ActivationService service, AccountGateway accounts, ActivationConfig config,
            OutboxRelay relay, Clock clock) {
        this.activations = activations;
        this.unknown = unknown;
        this.codes = codes;
        this.service = service;
        this.accounts = accounts;
        this.config = config;
        this.relay = relay;
        this.clock = clock;
    }

    /** The outcome of step 1: the activation and the subscriber token account-service issued. */
    public record Verified(UUID activationId, AccountServiceClient.Token token) {
    }

    public Uni<Verified> verify(VerifyRequest request) {
        String identifier = request.identifier() == null ? null : request.identifier().strip().toUpperCase(Locale.ROOT);
        FieldValidator v = new FieldValidator()
                .require("identifier", identifier, 32)
                .require("activationCode", request.activationCode(), 6)
                .match("activationCode", request.activationCode(), CODE, "must be 6 digits");
        PasswordPolicy.violation(request.password(), identifier).ifPresent(reason -> v.check("password", false, reason));
        v.check("confirmPassword", request.password() != null && request.password().equals(request.confirmPassword()),
                "does not match the password");
        v.check("acceptTerms", Boolean.TRUE.equals(request.acceptTerms()), "the terms of use must be accepted");
        v.throwIfInvalid(ActivationError.VALIDATION_FAILED);

        return Panache.withSession(() -> activations.findByIdentifier(identifier)).chain(activation -> {
            if (activation == null) {
                codes.hash(UUID.randomUUID(), request.activationCode());
                return failUnknown(identifier);
            }
            if (activation.lockedAt != null) {
                return Uni.createFrom().failure(locked());
            }
            if (activation.state != ActivationState.CODE_SENT
                    || !codes.matches(activation.id, request.activationCode(), activation.codeHash)) {
                return failWrongCode(activation);
            }
            if (!clock.instant().isBefore(activation.codeExpiresAt)) {
                return Uni.createFrom().failure(new ProblemException(ActivationError.ACTIVATION_CODE_EXPIRED,
                        "The activation code has expired; ask for a new one"));
            }
            return complete(activation, request.password());
        });
    }

    /**
     * Issues a new code (the old one dies) and unlocks; at most {@code maxResendsPerHour}. Answers the same whether
     * or not the identifier has a pending activation.
     */
    public Uni<Void> resend(String rawIdentifier) {
        String identifier = rawIdentifier == null ? null : rawIdentifier.strip().toUpperCase(Locale.ROOT);
        new FieldValidator().require("identifier", identifier, 32).throwIfInvalid(ActivationError.VALIDATION_FAILED);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> activations.findByIdentifier(identifier).chain(activation -> {
            if (activation == null) {
                return unknownResend(identifier, now);
            }
            if (activation.resendWindowStart == null
                    || activation.resendWindowStart.isBefore(now.minus(Duration.ofHours(1)))) {
                activation.resendWindowStart = now;
                activation.resendCount = 0;
            }
            if (activation.resendCount >= config.maxResendsPerHour()) {
                return Uni.createFrom().failure(tooManyResends());
            }
            activation.resendCount++;
            activation.updatedAt = now;
            if (activation.state != ActivationState.CODE_SENT) {
                // Past step 1 there is no code to send, but the answers that follow must be those of a pending
                // activation and of an unknown identifier: the same unlock, within the same budget.
                unlockWithinBudget(activation);
                return Uni.createFrom().voidItem();
            }
            return service.issueCode(activation, "RESEND");
        })).invoke(relay::wake);
    }

    /**
     * An operator unlocks an activation and has a new code emailed (the subscriber called the help desk); not counted
     * against the subscriber's resend limit.
     */
    public Uni<Void> reissueByOperator(UUID accountId) {
        return Panache.withTransaction(() -> activations.findByAccount(accountId).chain(activation -> {
            if (activation == null) {
                return Uni.createFrom().failure(new ProblemException(ActivationError.ACTIVATION_NOT_FOUND,
                        "No activation for account " + accountId));
            }
            if (activation.state != ActivationState.CODE_SENT) {
                return Uni.createFrom().failure(new ProblemException(ActivationError.ACTIVATION_PAST_STEP_1,
                        "The activation code was already used; the subscriber continues from step 2"));
            }
            // The help desk checked who is calling: a fresh budget with the new code.
            activation.totalFailures = 0;
            return service.issueCode(activation, "OPERATOR");
        })).invoke(relay::wake);
    }

    private void unlockWithinBudget(Activation activation) {
        if (activation.totalFailures < config.maxTotalCodeAttempts()) {
            activation.failedAttempts = 0;
            activation.lockedAt = null;
        }
    }

    private Uni<Verified> complete(Activation activation, String password) {
        String hash = activation.codeHash;
        // Claim the code first: single use, and two concurrent verifies cannot both set a password.
        return Panache.withTransaction(() -> activations.update(
                        "codeHash = null, updatedAt = ?1 where id = ?2 and codeHash = ?3 and state = ?4",
                        clock.instant(), activation.id, hash, ActivationState.CODE_SENT))
                .chain(claimed -> {
                    if (claimed != 1) {
                        return Uni.createFrom().failure(invalid());
                    }
                    return accounts.setPassword(activation.accountId, password)
                            .onFailure().call(e -> Panache.withTransaction(() -> activations.update(
                                    "codeHash = ?1 where id = ?2 and codeHash is null and state = ?3",
                                    hash, activation.id, ActivationState.CODE_SENT)))
                            .chain(token -> Panache.withTransaction(() -> activations.update(
                                            "state = ?1, failedAttempts = 0, updatedAt = ?2 where id = ?3",
                                            ActivationState.PASSWORD_SET, clock.instant(), activation.id))
                                    .replaceWith(new Verified(activation.id, token)));
                });
    }

    private Uni<Verified> failWrongCode(Activation activation) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "update activation set failed_attempts = failed_attempts + 1, total_failures = total_failures"
                                + " + 1, locked_at = case when failed_attempts + 1 >= :max or total_failures + 1 >= :total"
                                + " then coalesce(locked_at, :now) else locked_at end, updated_at = :now "
                                + "where id = :id returning locked_at", Instant.class)
                .setParameter("max", config.maxCodeAttempts())
                .setParameter("total", config.maxTotalCodeAttempts())
                .setParameter("now", now)
                .setParameter("id", NativeSelects.uncached(activation.id))
                .getSingleResultOrNull()))
                .chain(lockedAt -> Uni.createFrom().failure(lockedAt != null ? locked() : invalid()));
    }

    private Uni<Verified> failUnknown(String identifier) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into unknown_identifier_attempt (identifier, failed_attempts, total_failures, locked_at,"
                                + " updated_at) values (:identifier, 1, 1, null, :now) on conflict (identifier) do update"
                                + " set failed_attempts = unknown_identifier_attempt.failed_attempts + 1, total_failures ="
                                + " unknown_identifier_attempt.total_failures + 1, locked_at = case when"
                                + " unknown_identifier_attempt.failed_attempts + 1 >= :max or"
                                + " unknown_identifier_attempt.total_failures + 1 >= :total then coalesce("
                                + "unknown_identifier_attempt.locked_at, :now) else unknown_identifier_attempt.locked_at "
                                + "end, updated_at = :now returning locked_at", Instant.class)
                .setParameter("identifier", NativeSelects.uncached(identifier))
                .setParameter("max", config.maxCodeAttempts())
                .setParameter("total", config.maxTotalCodeAttempts())
                .setParameter("now", now)
                .getSingleResultOrNull()))
                .chain(lockedAt -> Uni.createFrom().failure(lockedAt != null ? locked() : invalid()));
    }

    private Uni<Void> unknownResend(String identifier, Instant now) {
        return unknown.findById(identifier).chain(row -> {
            UnknownIdentifierAttempt r = row;
            if (r == null) {
                r = new UnknownIdentifierAttempt();
                r.identifier = identifier;
            }
            if (r.resendWindowStart == null || r.resendWindowStart.isBefore(now.minus(Duration.ofHours(1)))) {
                r.resendWindowStart = now;
                r.resendCount = 0;
            }
            if (r.resendCount >= config.maxResendsPerHour()) {
                return Uni.createFrom().failure(tooManyResends());
            }
            r.resendCount++;
            // A resend unlocks a real activation within its budget; the decoy does exactly the same, or the lock
            // would give the game away.
            if (r.totalFailures < config.maxTotalCodeAttempts()) {
                r.failedAttempts = 0;
                r.lockedAt = null;
            }
            r.updatedAt = now;
            return row == null ? unknown.persist(r).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    private static ProblemException invalid() {
        return new ProblemException(ActivationError.ACTIVATION_CODE_INVALID,
                "The identifier or the activation code is wrong");
    }

    private static ProblemException locked() {
        return new ProblemException(ActivationError.ACTIVATION_LOCKED,
                "Too many wrong codes: ask for a new code to unlock the activation, or call the help desk if it stays"
                        + " locked");
    }

    private static ProblemException tooManyResends() {
        return new ProblemException(ActivationError.TOO_MANY_RESENDS,
                "Too many new codes requested for this identifier; try again within the hour");
    }
}
