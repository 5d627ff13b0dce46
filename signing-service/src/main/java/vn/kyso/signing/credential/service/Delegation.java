package vn.kyso.signing.credential.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.events.EventTypes;
import vn.kyso.events.credential.DelegationEnded;
import vn.kyso.signing.client.AccountPasswords;
import vn.kyso.signing.crypto.SealedSecrets;
import vn.kyso.signing.crypto.Totp;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.audit.AuditTrail;

/**
 * SmartCA TH v2 delegation: with PIN + device proof the subscriber lets integrators sign with password + TOTP instead
 * of an approval in the app. Enabling seals the key's custody binding and a fresh TOTP secret (shown once); too many
 * wrong codes switch delegation off.
 */
@ApplicationScoped
public class Delegation {

    static final String TOTP = "totp.v1";
    static final String BINDING = "delegation.v1";
    private static final int MAX_TOTP_FAILURES = 5;
    private static final Logger SECURITY = Logger.getLogger("vn.kyso.security");

    private final CredentialRepository credentials;
    private final PinGuard guard;
    private final SealedSecrets sealed;
    private final Totp totp;
    private final AccountPasswords passwords;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Delegation(CredentialRepository credentials, PinGuard guard, SealedSecrets sealed, Totp totp,
            AccountPasswords passwords, AuditTrail audit, Outbox outbox, OutboxRelay relay,
            Clock clock) {
        this.outbox = outbox;
        this.relay = relay;
        this.credentials = credentials;
        this.guard = guard;
        this.sealed = sealed;
        this.totp = totp;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** Turns delegation on (or renews its secret) and returns the base64 TOTP secret, the only time it is shown. */
    public Uni<String> enable(UUID accountId, UUID credentialId, String pin, String challenge, DeviceProof device) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        return Panache.withTransaction(() -> credentials.lockOwned(credentialId, accountId).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(new ProblemException(SigningError.CREDENTIAL_NOT_FOUND,
                        "No such credential for this account"));
            }
            if (credential.status != CredentialStatus.ACTIVE) {
                return Uni.createFrom().failure(new ProblemException(SigningError.CREDENTIAL_NOT_USABLE,
                        "Delegation needs an ACTIVE credential"));
            }
            return guard.check(credential, pin, challenge, device, PinGuard.MANAGE).chain(check -> {
                if (check.outcome() != PinCheck.Outcome.OK) {
                    return Uni.createFrom().item(check);
                }
                credential.totpSecretSealed = sealed.seal(TOTP, secret, credential.id.toString());
                credential.delegatedBindingSealed = sealed.seal(BINDING, check.binding(), credential.id.toString());
                credential.totpEnabledAt = clock.instant();
                credential.totpLastStep = null;
                credential.totpFailures = 0;
                credential.delegationEndedAt = null;
                credential.delegationEndReason = null;
                credential.updatedAt = clock.instant();
                return audit.record("DelegationEnabled", credential.id, accountId, Map.of()).replaceWith(check);
            });
        })).map(check -> {
            check.throwUnlessOk();
            return Base64.getEncoder().encodeToString(secret);
        });
    }

    public Uni<Void> disable(UUID accountId, UUID credentialId) {
        return Panache.withTransaction(() -> credentials.lockOwned(credentialId, accountId).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(new ProblemException(SigningError.CREDENTIAL_NOT_FOUND,
                        "No such credential for this account"));
            }
            return off(credential, END_TURNED_OFF, clock.instant()) ? ended(credential)
                    : Uni.createFrom().voidItem();
        })).invoke(relay::wake);
    }

    /**
     * Inside the transaction that ended delegation: the audit entry and the {@code DelegationEnded} event, whose mail
     * tells the subscriber (issue 18, finding 14: it used to end silently).
     */
    Uni<Void> ended(Credential credential) {
        return audit.record("DelegationDisabled", credential.id, credential.accountId, Map.of("reason",
                        credential.delegationEndReason))
                .chain(() -> outbox.append(EventTypes.DELEGATION_ENDED, credential.id, new DelegationEnded(
                        credential.accountId, credential.id, credential.delegationEndReason,
                        credential.delegationEndedAt)))
                .replaceWithVoid();
    }

    /** Why delegation ended: turned off, too many wrong codes, the key it opened was replaced, or the device was lost. */
    public static final String END_TURNED_OFF = "TURNED_OFF";
    public static final String END_TOO_MANY_WRONG_CODES = "TOO_MANY_WRONG_CODES";
    public static final String END_NEW_KEY = "NEW_KEY";
    /** The subscriber lost the device and an operator approved its recovery. */
    public static final String END_DEVICE_LOST = "DEVICE_LOST";

    /** Ends delegation, recording when and why if it was on; whether it was. */
    static boolean off(Credential credential, String reason, java.time.Instant at) {
        boolean wasOn = credential.totpSecretSealed != null;
        if (wasOn) {
            credential.delegationEndedAt = at;
            credential.delegationEndReason = reason;
        }
        credential.totpSecretSealed = null;
        credential.delegatedBindingSealed = null;
        credential.totpEnabledAt = null;
        credential.totpLastStep = null;
        credential.totpFailures = 0;
        return wasOn;
    }

    /** After a PIN change the key opens with a new binding: the delegated copy follows it. */
    public void rebound(Credential credential, byte[] newBinding) {
        if (credential.delegatedBindingSealed != null) {
            credential.delegatedBindingSealed = sealed.seal(BINDING, newBinding, credential.id.toString());
        }
    }

    /** The subscriber's password, checked by account-service (its back-off applies and is passed on as a 429). */
    public Uni<Boolean> passwordMatches(String identifier, String password) {
        if (password == null || password.isEmpty() || password.length() > 128) {
            return Uni.createFrom().item(false);
        }
        return passwords.matches(identifier, password);
    }

    /** What a TOTP code turned out to be. */
    public enum TotpCheck {
        /** Right, and now spent. */
        ACCEPTED,
        /** Right once already (single use, RFC 6238 §5.2): not a guess, not counted; the next step's code will do. */
        REUSED,
        /** Wrong: counted, and too many in a row turn delegation off. */
        WRONG,
        /** Wrong, and the last one allowed: delegation is now off. */
        WRONG_AND_SWITCHED_OFF
    }

    /**
     * Inside a transaction with the credential locked: whether the code is right (a wrong one is counted; too many
     * turn delegation off). A code is accepted once; presenting it again is answered as such and not counted.
     */
    public TotpCheck totpMatches(Credential credential, String code) {
        if (credential.totpSecretSealed == null) {
            return TotpCheck.WRONG;
        }
        byte[] secret = sealed.open(TOTP, credential.totpSecretSealed, credential.id.toString());
        OptionalLong step = totp.matchingStep(secret, code, clock.instant(), credential.totpLastStep);
        if (step.isPresent()) {
            credential.totpLastStep = step.getAsLong();
            credential.totpFailures = 0;
            return TotpCheck.ACCEPTED;
        }
        if (totp.alreadyUsed(secret, code, clock.instant(), credential.totpLastStep)) {
            return TotpCheck.REUSED;
        }
        credential.totpFailures++;
        if (credential.totpFailures >= MAX_TOTP_FAILURES) {
            SECURITY.warnf("credential %s: delegation switched off after %d wrong TOTP codes", credential.id,
                    credential.totpFailures);
            off(credential, END_TOO_MANY_WRONG_CODES, clock.instant());
            return TotpCheck.WRONG_AND_SWITCHED_OFF;
        }
        return TotpCheck.WRONG;
    }

    /**
     * {@link #totpMatches} with its audit entry: a switch-off is recorded, shown on the credential and mailed to the
     * subscriber, from the same transaction.
     */
    public Uni<TotpCheck> checkTotp(Credential credential, String code) {
        TotpCheck check = totpMatches(credential, code);
        return check != TotpCheck.WRONG_AND_SWITCHED_OFF ? Uni.createFrom().item(check)
                : ended(credential).replaceWith(check);
    }

    /** The binding that opens the key without the PIN, for a delegated signature. */
    public byte[] binding(Credential credential) {
        return sealed.open(BINDING, credential.delegatedBindingSealed, credential.id.toString());
    }
}
