package vn.kyso.signing.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.work.Blocking;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.crypto.DeviceKeys;
import vn.kyso.signing.crypto.PinKeys;
import vn.kyso.signing.model.Credential;
import vn.kyso.signing.repository.DeviceChallengeRepository;

/**
 * The two factors every use of a credential needs: the bound device's signature over a fresh challenge (presence,
 * biometric) and the PIN (knowledge), counted and locked after too many wrong ones. Call inside a transaction with the
 * credential row locked.
 */
@ApplicationScoped
public class PinGuard {

    private static final Logger SECURITY = Logger.getLogger("vn.kyso.security");

    private final PinKeys pins;
    private final DeviceChallengeRepository challenges;
    private final SigningConfig config;
    private final Clock clock;

    public PinGuard(PinKeys pins, DeviceChallengeRepository challenges, SigningConfig config, Clock clock) {
        this.pins = pins;
        this.challenges = challenges;
        this.config = config;
        this.clock = clock;
    }

    public Uni<PinCheck> check(Credential credential, String pin, String challenge, String deviceSignature,
            String purpose) {
        if (credential.pinLockedAt != null) {
            return Uni.createFrom().item(PinCheck.of(PinCheck.Outcome.LOCKED));
        }
        return devicePresent(credential, challenge, deviceSignature, purpose).chain(present -> {
            if (present != PinCheck.Outcome.OK) {
                return Uni.createFrom().item(PinCheck.of(present));
            }
            return Blocking.onWorker(() -> pins.derive(pin, credential.pinSalt)).map(derived -> {
                if (PinKeys.matches(credential.pinVerifier, derived.verifier())) {
                    credential.pinFailures = 0;
                    return new PinCheck(PinCheck.Outcome.OK, config.pin().maxAttempts(), derived.binding());
                }
                credential.pinFailures++;
                credential.updatedAt = clock.instant();
                if (credential.pinFailures >= config.pin().maxAttempts()) {
                    credential.pinLockedAt = clock.instant();
                    SECURITY.warnf("credential %s locked after %d wrong PINs", credential.id, credential.pinFailures);
                    return PinCheck.of(PinCheck.Outcome.LOCKED);
                }
                return new PinCheck(PinCheck.Outcome.WRONG_PIN,
                        config.pin().maxAttempts() - credential.pinFailures, null);
            });
        });
    }

    /** The device half alone: a live challenge for this credential and purpose, signed by the bound key. */
    public Uni<PinCheck.Outcome> devicePresent(Credential credential, String challenge, String deviceSignature,
            String purpose) {
        if (challenge == null || challenge.length() > 128) {
            return Uni.createFrom().item(PinCheck.Outcome.CHALLENGE_INVALID);
        }
        return challenges.consume(challenge, credential.id, purpose, clock.instant()).map(live -> {
            if (!live) {
                return PinCheck.Outcome.CHALLENGE_INVALID;
            }
            if (!DeviceKeys.verify(credential.devicePublicKey, challenge, deviceSignature)) {
                SECURITY.warnf("credential %s: device signature refused", credential.id);
                return PinCheck.Outcome.DEVICE_PROOF_INVALID;
            }
            return PinCheck.Outcome.OK;
        });
    }
}
