package vn.kyso.signing.credential.service;

import java.time.Clock;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.work.Blocking;
import vn.kyso.events.EventTypes;
import vn.kyso.events.credential.PinLocked;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.crypto.DeviceKeys;
import vn.kyso.signing.crypto.Passkeys;
import vn.kyso.signing.crypto.PinKeys;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.repository.DeviceChallengeRepository;

/**
 * The two factors every use of a credential needs: the bound device's signature over a fresh challenge (presence,
 * biometric) and the PIN (knowledge), counted and locked after too many wrong ones. Call inside a transaction with the
 * credential row locked.
 */
@ApplicationScoped
public class PinGuard {

    /** The challenge purpose of managing a credential (PIN change and reset, delegation), not of a transaction. */
    public static final String MANAGE = "MANAGE_CREDENTIAL";

    private static final Logger SECURITY = Logger.getLogger("vn.kyso.security");

    private final PinKeys pins;
    private final Passkeys passkeys;
    private final DeviceChallengeRepository challenges;
    private final SigningConfig config;
    private final Clock clock;
    private final Outbox outbox;

    public PinGuard(PinKeys pins, Passkeys passkeys, DeviceChallengeRepository challenges, SigningConfig config,
            Clock clock, Outbox outbox) {
        this.pins = pins;
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.config = config;
        this.clock = clock;
        this.outbox = outbox;
    }

    public Uni<PinCheck> check(Credential credential, String pin, String challenge, DeviceProof device,
            String purpose) {
        if (credential.pinLockedAt != null) {
            return Uni.createFrom().item(PinCheck.of(PinCheck.Outcome.LOCKED));
        }
        return devicePresent(credential, challenge, device, purpose).chain(present -> {
            if (present != PinCheck.Outcome.OK) {
                return Uni.createFrom().item(PinCheck.of(present));
            }
            return Blocking.memoryHard(() -> pins.derive(pin, credential.pinSalt)).chain(derived -> {
                if (PinKeys.matches(credential.pinVerifier, derived.verifier())) {
                    credential.pinFailures = 0;
                    return Uni.createFrom().item(new PinCheck(PinCheck.Outcome.OK, config.pin().maxAttempts(),
                            derived.binding()));
                }
                credential.pinFailures++;
                credential.updatedAt = clock.instant();
                if (credential.pinFailures >= config.pin().maxAttempts()) {
                    credential.pinLockedAt = clock.instant();
                    SECURITY.warnf("credential %s locked after %d wrong PINs", credential.id, credential.pinFailures);
                    // Committed with the count (callers refuse only after their transaction): the owner is told.
                    return outbox.append(EventTypes.PIN_LOCKED, credential.id, new PinLocked(credential.accountId,
                                    credential.id, credential.pinFailures, credential.pinLockedAt))
                            .replaceWith(PinCheck.of(PinCheck.Outcome.LOCKED));
                }
                return Uni.createFrom().item(new PinCheck(PinCheck.Outcome.WRONG_PIN,
                        config.pin().maxAttempts() - credential.pinFailures, null));
            });
        });
    }

    /**
     * The device half alone: a live challenge for this credential and purpose, answered by the bound device key or
     * passkey (whose counter is then advanced on the locked credential row).
     */
    public Uni<PinCheck.Outcome> devicePresent(Credential credential, String challenge, DeviceProof device,
            String purpose) {
        if (challenge == null || challenge.length() > 128) {
            return Uni.createFrom().item(PinCheck.Outcome.CHALLENGE_INVALID);
        }
        return challenges.consume(challenge, credential.id, purpose, clock.instant()).map(live -> {
            if (!live) {
                return PinCheck.Outcome.CHALLENGE_INVALID;
            }
            boolean proven;
            if (credential.deviceRevokedAt != null) {
                // The subscriber reported it lost and an operator approved the recovery.
                proven = false;
            } else if (credential.passkeyData != null) {
                OptionalLong counter = passkeys.verify(credential.passkeyData, credential.passkeySignCount == null ? 0
                        : credential.passkeySignCount, challenge, device == null ? null : device.passkey());
                proven = counter.isPresent();
                counter.ifPresent(c -> credential.passkeySignCount = c);
            } else {
                proven = device != null && DeviceKeys.verify(credential.devicePublicKey, challenge, device.signature());
            }
            if (!proven) {
                SECURITY.warnf("credential %s: device proof refused", credential.id);
                return PinCheck.Outcome.DEVICE_PROOF_INVALID;
            }
            return PinCheck.Outcome.OK;
        });
    }
}
