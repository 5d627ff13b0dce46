package vn.kyso.signing.credential.service;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.crypto.custody.KeyAlgorithm;
import vn.kyso.commons.crypto.custody.KeyCustody;
import vn.kyso.commons.db.Constraints;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.work.Blocking;
import vn.kyso.events.EventTypes;
import vn.kyso.events.credential.CertificateChangeRequested;
import vn.kyso.events.credential.CredentialRegistered;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.events.credential.PinChanged;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.crypto.CsrBuilder;
import vn.kyso.signing.crypto.DeviceKeys;
import vn.kyso.signing.crypto.Passkeys;
import vn.kyso.signing.crypto.PinKeys;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.model.DeviceChallenge;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.credential.repository.DeviceChallengeRepository;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.audit.AuditTrail;

/**
 * Creating a credential (PIN + bound device → key pair in custody → CSR → {@code KeyPairActivated}), device challenges,
 * PIN change, and the PIN reset path (device proof + a fresh key, since the old key opens only with the old PIN).
 */
@ApplicationScoped
public class CredentialService {

    private static final Logger LOG = Logger.getLogger(CredentialService.class);
    /** The purpose of challenges used to manage the credential itself (not to sign). */
    static final String REGISTER_PASSKEY = "REGISTER_PASSKEY";

    private final CredentialRepository credentials;
    private final DeviceChallengeRepository challenges;
    private final KeyCustody custody;
    private final PinKeys pins;
    private final PinGuard guard;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditTrail audit;
    private final Delegation delegation;
    private final Passkeys passkeys;
    private final SigningConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CredentialService(CredentialRepository credentials, DeviceChallengeRepository challenges,
            KeyCustody custody, PinKeys pins, PinGuard guard, Outbox outbox, OutboxRelay relay, AuditTrail audit,
            Delegation delegation, Passkeys passkeys, SigningConfig config, Clock clock) {
        this.credentials = credentials;
        this.challenges = challenges;
        this.custody = custody;
        this.pins = pins;
        this.guard = guard;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.delegation = delegation;
        this.passkeys = passkeys;
        this.config = config;
        this.clock = clock;
    }

    /** What a new credential is made of, after validation: exactly one of {@code devicePublicKey} and {@code passkey}. */
    public record NewCredential(String pin, String deviceName, byte[] devicePublicKey, PasskeyAnswer passkey) {
    }

    /** A browser's answer to the passkey options (base64url fields). */
    public record PasskeyAnswer(String challenge, String attestationObject, String clientDataJSON) {
    }

    public static NewCredential validate(String pin, String confirmPin, String deviceName, String devicePublicKey,
            PasskeyAnswer passkey) {
        FieldValidator v = new FieldValidator();
        PinPolicy.violation(pin).ifPresent(reason -> v.check("pin", false, reason));
        v.check("confirmPin", pin != null && pin.equals(confirmPin), "does not match the PIN");
        v.require("deviceName", deviceName == null ? null : deviceName.strip(), 64);
        byte[] device = null;
        if (passkey == null) {
            device = devicePublicKey == null ? null : DeviceKeys.parseP256(devicePublicKey).orElse(null);
            v.check("devicePublicKey", device != null, "must be base64 of an EC P-256 SubjectPublicKeyInfo");
        } else {
            v.check("devicePublicKey", devicePublicKey == null, "a passkey or a device key, not both")
                    .require("passkey.challenge", passkey.challenge(), 128)
                    .require("passkey.attestationObject", passkey.attestationObject(), 16_384)
                    .require("passkey.clientDataJSON", passkey.clientDataJSON(), 4_096);
        }
        v.throwIfInvalid(SigningError.VALIDATION_FAILED);
        return new NewCredential(pin, deviceName.strip(), device, passkey);
    }

    /** WebAuthn creation options for step 2/4, with a registration challenge bound to the account. */
    public Uni<Map<String, Object>> passkeyOptions(UUID accountId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        DeviceChallenge challenge = new DeviceChallenge();
        challenge.challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        challenge.accountId = accountId;
        challenge.purpose = REGISTER_PASSKEY;
        challenge.expiresAt = clock.instant().plus(config.challengeLifetime());
        return Panache.withTransaction(() -> challenges.persist(challenge)).map(saved -> {
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("challenge", saved.challenge);
            options.put("rp", Map.of("id", config.webauthn().rpId(), "name", config.webauthn().rpName()));
            options.put("user", Map.of("id", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    accountId.toString().getBytes(StandardCharsets.US_ASCII)), "name", accountId.toString(),
                    "displayName", "Kyso"));
            options.put("pubKeyCredParams", Passkeys.ALGORITHMS.stream().map(alg -> Map.of("type", "public-key",
                    "alg", alg)).toList());
            options.put("authenticatorSelection", Map.of("authenticatorAttachment", "platform",
                    "userVerification", "required", "residentKey", "preferred"));
            options.put("attestation", "none");
            options.put("timeout", config.challengeLifetime().toMillis());
            options.put("expiresAt", saved.expiresAt);
            return options;
        });
    }

    /** Spends the registration challenge and verifies the passkey; a refusal changes nothing else. */
    Uni<Passkeys.Registered> registerPasskey(UUID accountId, PasskeyAnswer answer) {
        return Panache.withTransaction(() -> challenges.consumeRegistration(answer.challenge(), accountId,
                REGISTER_PASSKEY, clock.instant())).map(live -> {
                    if (!live) {
                        throw new ProblemException(SigningError.CHALLENGE_INVALID,
                                "The passkey challenge is unknown, used or expired; ask for new options");
                    }
                    return passkeys.register(answer.attestationObject(), answer.clientDataJSON(), answer.challenge())
                            .orElseThrow(() -> new ProblemException(SigningError.DEVICE_PROOF_INVALID,
                                    "The passkey does not verify: wrong origin or challenge, or no user verification"));
                });
    }

    public Uni<Credential> create(UUID accountId, NewCredential request) {
        KeyAlgorithm algorithm = keyAlgorithm();
        UUID id = UUID.randomUUID();
        return Panache.withSession(() -> credentials.countLive(accountId)).chain(live -> {
            if (live > 0) {
                return Uni.createFrom().failure(exists());
            }
            Uni<Passkeys.Registered> passkey = request.passkey() == null ? Uni.createFrom().nullItem()
                    : registerPasskey(accountId, request.passkey());
            return passkey.chain(registered -> Blocking.memoryHard(() -> newKey(id, accountId, algorithm, request.pin()))
                    .chain(key -> Panache.withTransaction(() -> {
                        Instant now = clock.instant();
                        Credential credential = new Credential();
                        credential.id = id;
                        credential.accountId = accountId;
                        credential.status = CredentialStatus.CERT_PENDING;
                        credential.keyAlgorithm = algorithm.wireName();
                        credential.keyReference = key.reference();
                    // A new key: any TH delegation of the old one ends with it.
                    Delegation.off(credential, Delegation.END_NEW_KEY, clock.instant());
                        credential.publicKey = key.publicKey();
                        credential.pinSalt = key.salt();
                        credential.pinVerifier = key.verifier();
                        bindDevice(credential, request, registered);
                        credential.createdAt = now;
                        credential.updatedAt = now;
                        return credentials.persist(credential)
                                .call(() -> outbox.append(EventTypes.CREDENTIAL_REGISTERED, id, new CredentialRegistered(
                                        id, accountId, credential.deviceName, credential.keyAlgorithm, now)))
                                .call(() -> outbox.append(EventTypes.KEY_PAIR_ACTIVATED, id, new KeyPairActivated(
                                        accountId, id, credential.keyAlgorithm, key.csr(), now)))
                                .call(() -> audit.record("CredentialRegistered", id, accountId, Map.of("deviceName",
                                        credential.deviceName, "keyAlgorithm", credential.keyAlgorithm, "custody",
                                        custody.backend())))
                                .call(() -> audit.record("KeyPairActivated", id, accountId,
                                        Map.of("keyAlgorithm", credential.keyAlgorithm)));
                    }).onFailure().call(e -> destroy(key.reference()))))
                    .onFailure(Constraints::isUniqueViolation).transform(e -> exists())
                    .invoke(c -> {
                        relay.wake();
                        LOG.infof("credential %s created for account %s (%s, %s custody)", c.id, accountId,
                                c.keyAlgorithm, custody.backend());
                    });
        });
    }

    /** The device that stands for the subscriber's approval from now on: a verified passkey, or a raw device key. */
    static void bindDevice(Credential credential, NewCredential request, Passkeys.Registered registered) {
        credential.deviceName = request.deviceName();
        credential.devicePublicKey = registered != null ? registered.publicKey() : request.devicePublicKey();
        credential.passkeyCredentialId = registered != null ? registered.credentialId() : null;
        credential.passkeyData = registered != null ? registered.data() : null;
        credential.passkeySignCount = registered != null ? registered.signCount() : null;
    }

    public Uni<List<Credential>> list(UUID accountId) {
        return Panache.withSession(() -> credentials.byAccount(accountId));
    }

    public Uni<Credential> get(UUID accountId, UUID id) {
        return Panache.withSession(() -> credentials.findById(id))
                .map(c -> c != null && c.accountId.equals(accountId) ? c : null)
                .onItem().ifNull().failWith(CredentialService::notFound);
    }

    /** A fresh single-use challenge for the bound device to sign. */
    public Uni<DeviceChallenge> challenge(UUID accountId, UUID credentialId, String purpose) {
        return get(accountId, credentialId).chain(credential -> Panache.withTransaction(() -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            DeviceChallenge challenge = new DeviceChallenge();
            challenge.challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            challenge.credentialId = credential.id;
            challenge.accountId = accountId;
            challenge.purpose = purpose;
            challenge.expiresAt = clock.instant().plus(config.challengeLifetime());
            return challenges.persist(challenge);
        }));
    }

    /** PIN change: device proof + current PIN; the key is re-wrapped under the new PIN. */
    public Uni<Void> changePin(UUID accountId, UUID credentialId, String currentPin, String newPin, String confirmPin,
            String challenge, DeviceProof device) {
        FieldValidator v = new FieldValidator();
        v.check("currentPin", currentPin != null && currentPin.matches("[0-9]{6}"), "must be 6 digits");
        PinPolicy.violation(newPin).ifPresent(reason -> v.check("newPin", false, reason));
        v.check("confirmPin", newPin != null && newPin.equals(confirmPin), "does not match the new PIN");
        return Panache.withTransaction(() -> credentials.lockOwned(credentialId, accountId).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(notFound());
            }
            // Only the owner learns what is wrong with a request: another subscriber gets 404 whatever the body.
            v.throwIfInvalid(SigningError.VALIDATION_FAILED);
            if (credential.status != CredentialStatus.ACTIVE && credential.status != CredentialStatus.CERT_PENDING) {
                return Uni.createFrom().failure(notUsable(credential));
            }
            return guard.check(credential, currentPin, challenge, device, PinGuard.MANAGE).call(check ->
                    auditPinCheck(credential, check, "PinChanged")).chain(check -> {
                if (check.outcome() != PinCheck.Outcome.OK) {
                    return Uni.createFrom().item(check);
                }
                return Blocking.memoryHard(() -> {
                    byte[] salt = pins.newSalt();
                    PinKeys.Derived next = pins.derive(newPin, salt);
                    credential.keyReference = custody.rebind(credential.keyReference, check.binding(), next.binding());
                    delegation.rebound(credential, next.binding());
                    credential.pinSalt = salt;
                    credential.pinVerifier = next.verifier();
                    credential.updatedAt = clock.instant();
                    return check;
                }).call(ok -> outbox.append(EventTypes.PIN_CHANGED, credential.id, new PinChanged(accountId,
                        credential.id, "CHANGED", credential.updatedAt)));
            });
        })).invoke(check -> {
            check.throwUnlessOk();
            relay.wake();
        }).replaceWithVoid();
    }

    /**
     * The path out of a forgotten or locked PIN: the subscriber's session plus the bound device's proof. The old key
     * opens only with the old PIN, so it is replaced: a new key pair under the new PIN and a new certificate request
     * (ca-service supersedes the old certificate).
     */
    public Uni<Credential> resetPin(UUID accountId, UUID credentialId, String newPin, String confirmPin,
            String challenge, DeviceProof device) {
        FieldValidator v = new FieldValidator();
        PinPolicy.violation(newPin).ifPresent(reason -> v.check("newPin", false, reason));
        v.check("confirmPin", newPin != null && newPin.equals(confirmPin), "does not match the new PIN");
        KeyAlgorithm algorithm = keyAlgorithm();
        return Panache.withTransaction(() -> credentials.lockOwned(credentialId, accountId).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(notFound());
            }
            v.throwIfInvalid(SigningError.VALIDATION_FAILED);
            if (credential.status != CredentialStatus.ACTIVE && credential.status != CredentialStatus.CERT_PENDING) {
                return Uni.createFrom().failure(notUsable(credential));
            }
            return guard.devicePresent(credential, challenge, device, PinGuard.MANAGE).call(present ->
                    auditPinCheck(credential, PinCheck.of(present), "PinReset")).chain(present -> {
                if (present != PinCheck.Outcome.OK) {
                    return Uni.createFrom().item(new Changed(credential, PinCheck.of(present), null));
                }
                return Blocking.memoryHard(() -> newKey(credential.id, accountId, algorithm, newPin)).chain(key -> {
                    String oldReference = credential.keyReference;
                    Instant now = clock.instant();
                    credential.keyAlgorithm = algorithm.wireName();
                    credential.keyReference = key.reference();
                    // A new key: any TH delegation of the old one ends with it, and the subscriber is told.
                    boolean delegationEnded = Delegation.off(credential, Delegation.END_NEW_KEY, clock.instant());
                    credential.publicKey = key.publicKey();
                    credential.pinSalt = key.salt();
                    credential.pinVerifier = key.verifier();
                    credential.pinFailures = 0;
                    credential.pinLockedAt = null;
                    credential.status = CredentialStatus.CERT_PENDING;
                    credential.certificate = null;
                    credential.serialNumber = null;
                    credential.certificateNotAfter = null;
                    credential.updatedAt = now;
                    return outbox.append(EventTypes.KEY_PAIR_ACTIVATED, credential.id, new KeyPairActivated(accountId,
                                    credential.id, credential.keyAlgorithm, key.csr(), now))
                            .call(() -> outbox.append(EventTypes.PIN_CHANGED, credential.id, new PinChanged(accountId,
                                    credential.id, "RESET", now)))
                            .call(() -> delegationEnded ? delegation.ended(credential) : Uni.createFrom().voidItem())
                            .replaceWith(new Changed(credential, PinCheck.of(PinCheck.Outcome.OK), oldReference));
                });
            });
        })).call(reset -> reset.oldReference() == null ? Uni.createFrom().voidItem() : destroy(reset.oldReference()))
                .invoke(reset -> {
                    reset.check().throwUnlessOk();
                    relay.wake();
                    LOG.infof("credential %s: PIN reset with a new key pair", reset.credential().id);
                }).map(Changed::credential);
    }

    /**
     * Renewal in the window before expiry, or after it passed (PIN + device): a new key pair in custody under the same
     * PIN binding (so
     * the PIN and any TH delegation carry over) and a certificate request for it; the current key and certificate
     * keep signing (while still valid) until ca-service's new certificate is installed, which retires the old key.
     */
    public Uni<Credential> renew(UUID accountId, UUID credentialId, String pin, String challenge, DeviceProof device) {
        FieldValidator v = new FieldValidator();
        v.check("pin", pin != null && pin.matches("[0-9]{6}"), "must be 6 digits");
        KeyAlgorithm algorithm = keyAlgorithm();
        return Panache.withTransaction(() -> credentials.lockOwned(credentialId, accountId).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(notFound());
            }
            v.throwIfInvalid(SigningError.VALIDATION_FAILED);
            boolean live = credential.status == CredentialStatus.ACTIVE || credential.status == CredentialStatus.EXPIRED;
            if (!live || credential.certificateNotAfter == null) {
                return Uni.createFrom().failure(notUsable(credential));
            }
            if (credential.pendingKeyReference != null) {
                return Uni.createFrom().failure(new ProblemException(SigningError.RENEWAL_PENDING,
                        "A new certificate for this credential is being issued"));
            }
            Instant opens = credential.certificateNotAfter.minus(config.renewalWindow());
            if (clock.instant().isBefore(opens)) {
                return Uni.createFrom().failure(new ProblemException(SigningError.RENEWAL_NOT_OPEN,
                        "Renewal opens at " + opens + ", " + config.renewalWindow().toDays()
                                + " days before the certificate expires"));
            }
            return guard.check(credential, pin, challenge, device, PinGuard.MANAGE).call(check ->
                    auditPinCheck(credential, check, "CertificateRenewalRequested")).chain(check -> {
                if (check.outcome() != PinCheck.Outcome.OK) {
                    return Uni.createFrom().item(check);
                }
                return Blocking.memoryHard(() -> renewalKey(credential.id, accountId, algorithm, check.binding()))
                        .chain(key -> {
                            Instant now = clock.instant();
                            credential.pendingKeyReference = key.reference();
                            credential.pendingPublicKey = key.publicKey();
                            credential.pendingKeyAlgorithm = algorithm.wireName();
                            credential.renewalRequestedAt = now;
                            credential.updatedAt = now;
                            return outbox.append(EventTypes.KEY_PAIR_ACTIVATED, credential.id, new KeyPairActivated(
                                    accountId, credential.id, algorithm.wireName(), key.csr(), now)).replaceWith(check);
                        });
            }).map(check -> new Changed(credential, check, null));
        })).invoke(renewal -> {
            renewal.check().throwUnlessOk();
            relay.wake();
            LOG.infof("credential %s: renewal asked, a new key pair awaits its certificate", renewal.credential().id);
        }).map(Changed::credential);
    }

    /** A change to a locked credential: how its PIN check went, and a key to destroy once it is committed. */
    private record Changed(Credential credential, PinCheck check, String oldReference) {
    }

    /** Revocation reasons a subscriber may give; {@code superseded} and {@code privilegeWithdrawn} are the CA's. */
    public static final List<String> SUBSCRIBER_REVOCATION_REASONS = List.of("keyCompromise", "affiliationChanged",
            "cessationOfOperation", "unspecified");

    /**
     * The subscriber's own hold, resumption or revocation of their certificate, with PIN and device proof. A hold or
     * a revocation stops signing at once; a resumption only once ca-service has taken the certificate off hold
     * ({@code CertificateResumed}), so OCSP says good before anything is signed again. ca-service is asked through
     * {@code CertificateChangeRequested}. Only a hold the subscriber placed can the subscriber lift; a revoked
     * credential's key is destroyed.
     *
     * @param change {@link CertificateChangeRequested#SUSPEND}, {@code RESUME} or {@code REVOKE}
     */
    public Uni<Credential> changeCertificate(UUID accountId, UUID credentialId, String change, String reason,
            String pin, String challenge, DeviceProof device) {
        boolean revoke = CertificateChangeRequested.REVOKE.equals(change);
        FieldValidator v = new FieldValidator();
        v.check("pin", pin != null && pin.matches("[0-9]{6}"), "must be 6 digits");
        if (revoke) {
            v.check("reason", reason != null && SUBSCRIBER_REVOCATION_REASONS.contains(reason), "must be one of "
                    + String.join(", ", SUBSCRIBER_REVOCATION_REASONS));
        }
        return Panache.withTransaction(() -> credentials.lockOwned(credentialId, accountId).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(notFound());
            }
            v.throwIfInvalid(SigningError.VALIDATION_FAILED);
            boolean applies = switch (change) {
                case CertificateChangeRequested.SUSPEND -> credential.status == CredentialStatus.ACTIVE;
                case CertificateChangeRequested.RESUME -> credential.status == CredentialStatus.SUSPENDED;
                default -> credential.status == CredentialStatus.ACTIVE
                        || credential.status == CredentialStatus.SUSPENDED;
            };
            if (!applies || credential.serialNumber == null) {
                return Uni.createFrom().failure(notUsable(credential));
            }
            if (CertificateChangeRequested.RESUME.equals(change) && !credential.heldBySubscriber) {
                return Uni.createFrom().failure(new ProblemException(SigningError.CREDENTIAL_NOT_USABLE,
                        "The certificate was put on hold by the CA's operator; only the operator can lift the hold"));
            }
            String success = switch (change) {
                case CertificateChangeRequested.SUSPEND -> "CertificateSuspensionRequested";
                case CertificateChangeRequested.RESUME -> "CertificateResumptionRequested";
                default -> "CertificateRevocationRequested";
            };
            return guard.check(credential, pin, challenge, device, PinGuard.MANAGE).call(check ->
                    auditPinCheck(credential, check, success)).chain(check -> {
                if (check.outcome() != PinCheck.Outcome.OK) {
                    return Uni.createFrom().item(new Changed(credential, check, null));
                }
                Instant now = clock.instant();
                String destroyed = null;
                if (CertificateChangeRequested.SUSPEND.equals(change)) {
                    credential.status = CredentialStatus.SUSPENDED;
                    credential.heldBySubscriber = true;
                } else if (revoke) {
                    credential.status = CredentialStatus.REVOKED;
                    destroyed = credential.keyReference;
                }
                credential.updatedAt = now;
                String key = destroyed;
                return outbox.append(EventTypes.CERTIFICATE_CHANGE_REQUESTED, credential.id,
                        new CertificateChangeRequested(credential.id, accountId, credential.serialNumber, change,
                                revoke ? reason : null, now)).replaceWith(new Changed(credential, check, key));
            });
        })).call(done -> done.oldReference() == null ? Uni.createFrom().voidItem() : destroy(done.oldReference()))
                .invoke(done -> {
                    done.check().throwUnlessOk();
                    relay.wake();
                    LOG.infof("credential %s: the subscriber asked to %s its certificate", done.credential().id,
                            change.toLowerCase(java.util.Locale.ROOT));
                }).map(Changed::credential);
    }

    /** Every use of the PIN or the device proof leaves a trace: success as {@code success}, failures by outcome. */
    private Uni<Void> auditPinCheck(Credential credential, PinCheck check, String success) {
        String type = switch (check.outcome()) {
            case OK -> success;
            case WRONG_PIN -> "PinRefused";
            case LOCKED -> "CredentialLocked";
            case CHALLENGE_INVALID -> "ChallengeRefused";
            case DEVICE_PROOF_INVALID -> "DeviceProofRefused";
        };
        return audit.record(type, credential.id, credential.accountId, Map.of("pinFailures", credential.pinFailures));
    }

    /** A generated key with its PIN verifier and its CSR, before anything is stored. */
    record NewKey(String reference, byte[] publicKey, byte[] salt, byte[] verifier, String csr) {
    }

    NewKey newKey(UUID credentialId, UUID accountId, KeyAlgorithm algorithm, String pin) {
        byte[] salt = pins.newSalt();
        PinKeys.Derived derived = pins.derive(pin, salt);
        KeyCustody.GeneratedKey key = custody.generate(algorithm, credentialId.toString(), derived.binding());
        byte[] csr = CsrBuilder.build(accountId, key.publicKey(), custody.open(key.reference(), derived.binding()),
                algorithm.signatureAlgorithm());
        return new NewKey(key.reference(), key.publicKey().getEncoded(), salt, derived.verifier(),
                Base64.getEncoder().encodeToString(csr));
    }

    /** A renewal's key: wrapped under the binding the current PIN already derives, so nothing else changes. */
    private NewKey renewalKey(UUID credentialId, UUID accountId, KeyAlgorithm algorithm, byte[] binding) {
        KeyCustody.GeneratedKey key = custody.generate(algorithm, credentialId.toString(), binding);
        byte[] csr = CsrBuilder.build(accountId, key.publicKey(), custody.open(key.reference(), binding),
                algorithm.signatureAlgorithm());
        return new NewKey(key.reference(), key.publicKey().getEncoded(), null, null,
                Base64.getEncoder().encodeToString(csr));
    }

    Uni<Void> destroy(String reference) {
        return Blocking.onWorker(() -> {
            try {
                custody.destroy(reference);
            } catch (RuntimeException e) {
                LOG.warnf("could not destroy an unused key: %s", e.getMessage());
            }
            return null;
        }).replaceWithVoid();
    }

    KeyAlgorithm keyAlgorithm() {
        return KeyAlgorithm.fromWireName(config.keyAlgorithm()).orElseThrow(
                () -> new IllegalStateException("kyso.signing.key-algorithm is not a known key type"));
    }

    private static ProblemException exists() {
        return new ProblemException(SigningError.CREDENTIAL_EXISTS,
                "This account already has a signing credential; reset its PIN instead of creating another");
    }

    static ProblemException notFound() {
        return new ProblemException(SigningError.CREDENTIAL_NOT_FOUND, "No such credential for this account");
    }

    static ProblemException notUsable(Credential credential) {
        return new ProblemException(SigningError.CREDENTIAL_NOT_USABLE,
                "The credential is " + credential.status + " and cannot be changed");
    }
}
