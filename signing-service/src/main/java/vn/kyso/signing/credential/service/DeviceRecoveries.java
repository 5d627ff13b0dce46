package vn.kyso.signing.credential.service;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.events.EventTypes;
import vn.kyso.events.credential.CertificateChangeRequested;
import vn.kyso.events.credential.DeviceBound;
import vn.kyso.events.credential.DeviceRecoveryRequested;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.events.notification.RecoveryCodeEmailRequested;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.audit.AuditTrail;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.model.DeviceRecovery;
import vn.kyso.signing.credential.model.RecoveryStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.credential.repository.DeviceRecoveryRepository;
import vn.kyso.signing.crypto.Passkeys;
import vn.kyso.signing.crypto.RecoveryCodes;
import vn.kyso.commons.work.Blocking;

/**
 * Recovery from a lost device: the subscriber asks (signed in with the password), an operator who verified who asks
 * out of band approves — from then on the lost device approves nothing and TH delegation ends — and a code reaches the
 * account's mailbox; with that code the subscriber binds a new device and PIN, which get a new key pair, and the old
 * certificate is revoked for keyCompromise. Every step is audited and mailed.
 */
@ApplicationScoped
public class DeviceRecoveries {

    private static final Logger LOG = Logger.getLogger(DeviceRecoveries.class);
    private static final Logger SECURITY = Logger.getLogger("vn.kyso.security");
    /** Credentials a recovery applies to: anything with a key the subscriber may still need. */
    private static final Set<CredentialStatus> RECOVERABLE = EnumSet.of(CredentialStatus.ACTIVE,
            CredentialStatus.SUSPENDED, CredentialStatus.CERT_PENDING, CredentialStatus.EXPIRED);

    private final CredentialRepository credentials;
    private final DeviceRecoveryRepository recoveries;
    private final CredentialService credentialService;
    private final RecoveryCodes codes;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditTrail audit;
    private final Delegation delegation;
    private final SigningConfig config;
    private final Clock clock;

    public DeviceRecoveries(CredentialRepository credentials, DeviceRecoveryRepository recoveries,
            CredentialService credentialService, RecoveryCodes codes, Outbox outbox, OutboxRelay relay,
            AuditTrail audit, Delegation delegation, SigningConfig config, Clock clock) {
        this.credentials = credentials;
        this.recoveries = recoveries;
        this.credentialService = credentialService;
        this.codes = codes;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.delegation = delegation;
        this.config = config;
        this.clock = clock;
    }

    /** The subscriber asks, saying what happened; asking again while one is open returns that one. */
    public Uni<DeviceRecovery> request(UUID accountId, UUID credentialId, String reason) {
        String said = reason == null ? null : reason.strip();
        return Panache.withTransaction(() -> credentials.lockOwned(credentialId, accountId).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(CredentialService.notFound());
            }
            // Only the owner learns what is wrong with a request; the operator needs to know what happened.
            text("reason", said);
            if (!RECOVERABLE.contains(credential.status)) {
                return Uni.createFrom().failure(CredentialService.notUsable(credential));
            }
            return recoveries.lockOpen(credentialId, accountId).chain(open -> {
                if (open != null) {
                    return Uni.createFrom().item(open);
                }
                DeviceRecovery recovery = new DeviceRecovery();
                recovery.id = UUID.randomUUID();
                recovery.credentialId = credentialId;
                recovery.accountId = accountId;
                recovery.status = RecoveryStatus.REQUESTED;
                recovery.reason = said;
                recovery.requestedAt = clock.instant();
                return recoveries.persist(recovery)
                        .call(() -> outbox.append(EventTypes.DEVICE_RECOVERY_REQUESTED, credentialId,
                                new DeviceRecoveryRequested(accountId, credentialId, recovery.id,
                                        recovery.requestedAt)))
                        .call(() -> audit.record("DeviceRecoveryRequested", credentialId, accountId,
                                Map.of("recoveryId", recovery.id)));
            });
        })).invoke(r -> relay.wake());
    }

    /** The credential's latest recovery (null: none was ever asked); another subscriber's credential is 404. */
    public Uni<DeviceRecovery> latest(UUID accountId, UUID credentialId) {
        return credentialService.get(accountId, credentialId)
                .chain(owned -> Panache.withSession(() -> recoveries.latest(credentialId, accountId)));
    }

    public Uni<List<DeviceRecovery>> byStatus(RecoveryStatus status) {
        return Panache.withSession(() -> recoveries.byStatus(status));
    }

    /**
     * An operator approves after verifying who asks: the code is mailed (sealed to notification-service; nobody here,
     * the operator included, ever sees it) and the lost device and TH delegation stop working at once.
     */
    public Uni<DeviceRecovery> approve(UUID recoveryId, String operator, String note) {
        String how = note == null ? null : note.strip();
        text("note", how);
        return Panache.withTransaction(() -> waitingForOperator(recoveryId).chain(recovery -> {
            return credentials.lockOwned(recovery.credentialId, recovery.accountId).chain(credential -> {
                Instant now = clock.instant();
                String code = codes.newCode();
                recovery.status = RecoveryStatus.APPROVED;
                recovery.approvedAt = now;
                recovery.approvedBy = operator;
                recovery.operatorNote = how;
                recovery.codeHash = codes.hash(recovery.id, code);
                recovery.codeExpiresAt = now.plus(config.recovery().codeLifetime());
                credential.deviceRevokedAt = now;
                credential.updatedAt = now;
                boolean delegationEnded = Delegation.off(credential, Delegation.END_DEVICE_LOST, now);
                return outbox.append(EventTypes.RECOVERY_CODE_EMAIL_REQUESTED, recovery.accountId,
                                new RecoveryCodeEmailRequested(recovery.id, recovery.accountId,
                                        codes.seal(recovery.id, code), recovery.codeExpiresAt))
                        .call(() -> delegationEnded ? delegation.ended(credential) : Uni.createFrom().voidItem())
                        .call(() -> audit.record("DeviceRecoveryApproved", credential.id, credential.accountId,
                                Map.of("recoveryId", recovery.id, "operator", operator, "note", how)))
                        .replaceWith(recovery);
            });
        })).invoke(r -> {
            relay.wake();
            SECURITY.infof("recovery %s approved by %s: the lost device of credential %s approves nothing now",
                    r.id, operator, r.credentialId);
        });
    }

    /** An operator refuses a recovery not yet approved (the device it would replace keeps working). */
    public Uni<DeviceRecovery> decline(UUID recoveryId, String operator, String note) {
        String why = note == null ? null : note.strip();
        text("note", why);
        return Panache.withTransaction(() -> waitingForOperator(recoveryId).chain(recovery -> {
            recovery.status = RecoveryStatus.DECLINED;
            recovery.approvedBy = operator;
            recovery.operatorNote = why;
            recovery.closedAt = clock.instant();
            return audit.record("DeviceRecoveryDeclined", recovery.credentialId, recovery.accountId,
                    Map.of("recoveryId", recovery.id, "operator", operator, "note", why)).replaceWith(recovery);
        }));
    }

    /**
     * The subscriber proves the mailed code and binds a new device and PIN: a new key pair under the new PIN, a
     * certificate request for it, and the old certificate revoked (keyCompromise: the lost device may be in other
     * hands). A wrong code counts; after {@code max-attempts} the recovery fails and must be asked again.
     */
    public Uni<Credential> complete(UUID accountId, UUID credentialId, String typedCode,
            CredentialService.NewCredential device) {
        String code = RecoveryCodes.normalise(typedCode);
        return Panache.withTransaction(() -> recoveries.lockOpen(credentialId, accountId).map(recovery -> {
            if (recovery == null || recovery.status != RecoveryStatus.APPROVED) {
                return CodeCheck.NOT_OPEN;
            }
            Instant now = clock.instant();
            if (!now.isBefore(recovery.codeExpiresAt)) {
                close(recovery, RecoveryStatus.FAILED, now);
                return CodeCheck.EXPIRED;
            }
            if (!codes.matches(recovery.id, code, recovery.codeHash)) {
                recovery.failedAttempts++;
                SECURITY.warnf("recovery %s: wrong code (%d)", recovery.id, recovery.failedAttempts);
                if (recovery.failedAttempts >= config.recovery().maxAttempts()) {
                    close(recovery, RecoveryStatus.FAILED, now);
                }
                return new CodeCheck(false, "The recovery code is wrong; "
                        + Math.max(0, config.recovery().maxAttempts() - recovery.failedAttempts) + " attempts left");
            }
            return CodeCheck.OK;
        }).call(check -> check.ok() || check == CodeCheck.NOT_OPEN ? Uni.createFrom().voidItem()
                : audit.record("RecoveryCodeRefused", credentialId, accountId, Map.of("why", check.problem()))))
                .chain(check -> {
                    if (check == CodeCheck.NOT_OPEN) {
                        return Uni.createFrom().failure(new ProblemException(SigningError.RECOVERY_NOT_OPEN,
                                "No approved recovery waits for this credential"));
                    }
                    if (!check.ok()) {
                        return Uni.createFrom().failure(new ProblemException(SigningError.RECOVERY_CODE_INVALID,
                                check.problem()));
                    }
                    return bind(accountId, credentialId, device);
                });
    }

    private Uni<Credential> bind(UUID accountId, UUID credentialId, CredentialService.NewCredential device) {
        var algorithm = credentialService.keyAlgorithm();
        Uni<Passkeys.Registered> passkey = device.passkey() == null ? Uni.createFrom().nullItem()
                : credentialService.registerPasskey(accountId, device.passkey());
        return passkey.chain(registered -> Blocking.memoryHard(() -> credentialService.newKey(credentialId, accountId,
                algorithm, device.pin())).chain(key -> Panache.withTransaction(() -> recoveries.lockOpen(credentialId,
                accountId).chain(recovery -> credentials.lockOwned(credentialId, accountId).chain(credential -> {
                    // The code was checked a moment ago; a concurrent completion or a failed recovery wins over this.
                    if (recovery == null || recovery.status != RecoveryStatus.APPROVED || credential == null) {
                        return Uni.createFrom().<Bound>failure(new ProblemException(SigningError.RECOVERY_NOT_OPEN,
                                "No approved recovery waits for this credential"));
                    }
                    Instant now = clock.instant();
                    List<String> retired = new java.util.ArrayList<>();
                    retired.add(credential.keyReference);
                    if (credential.pendingKeyReference != null) {
                        retired.add(credential.pendingKeyReference);
                    }
                    String oldSerial = credential.serialNumber;
                    boolean revokeOld = oldSerial != null && (credential.status == CredentialStatus.ACTIVE
                            || credential.status == CredentialStatus.SUSPENDED);
                    boolean delegationEnded = Delegation.off(credential, Delegation.END_NEW_KEY, now);
                    credential.keyAlgorithm = algorithm.wireName();
                    credential.keyReference = key.reference();
                    credential.publicKey = key.publicKey();
                    credential.pinSalt = key.salt();
                    credential.pinVerifier = key.verifier();
                    credential.pinFailures = 0;
                    credential.pinLockedAt = null;
                    credential.pendingKeyReference = null;
                    credential.pendingPublicKey = null;
                    credential.pendingKeyAlgorithm = null;
                    credential.renewalRequestedAt = null;
                    CredentialService.bindDevice(credential, device, registered);
                    credential.deviceRevokedAt = null;
                    credential.heldBySubscriber = false;
                    credential.status = CredentialStatus.CERT_PENDING;
                    credential.certificate = null;
                    credential.serialNumber = null;
                    credential.certificateNotAfter = null;
                    credential.updatedAt = now;
                    close(recovery, RecoveryStatus.COMPLETED, now);
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("recoveryId", recovery.id);
                    detail.put("deviceName", credential.deviceName);
                    detail.put("revokedSerial", revokeOld ? oldSerial : null);
                    // Same topic, same key: ca-service revokes the old certificate (keyCompromise) before it certifies
                    // the new key, so the old one is not merely superseded.
                    Uni<Void> revoke = revokeOld ? outbox.append(EventTypes.CERTIFICATE_CHANGE_REQUESTED, credentialId,
                            new CertificateChangeRequested(credentialId, accountId, oldSerial,
                                    CertificateChangeRequested.REVOKE, "keyCompromise", now)).replaceWithVoid()
                            : Uni.createFrom().voidItem();
                    return revoke
                            .call(() -> outbox.append(EventTypes.KEY_PAIR_ACTIVATED, credentialId, new KeyPairActivated(
                                    accountId, credentialId, credential.keyAlgorithm, key.csr(), now)))
                            .call(() -> outbox.append(EventTypes.DEVICE_BOUND, credentialId, new DeviceBound(accountId,
                                    credentialId, credential.deviceName, DeviceBound.RECOVERY, now)))
                            .call(() -> delegationEnded ? delegation.ended(credential) : Uni.createFrom().voidItem())
                            .call(() -> audit.record("DeviceBound", credentialId, accountId, detail))
                            .replaceWith(new Bound(credential, retired));
                }))).onFailure().call(e -> credentialService.destroy(key.reference()))))
                .call(bound -> Uni.join().all(bound.retired().stream().map(credentialService::destroy).toList())
                        .andCollectFailures())
                .invoke(bound -> {
                    relay.wake();
                    LOG.infof("credential %s recovered: a new device, PIN and key pair", credentialId);
                }).map(Bound::credential);
    }

    /** The recovery, row-locked, if it waits for an operator's decision. */
    private Uni<DeviceRecovery> waitingForOperator(UUID recoveryId) {
        return recoveries.lock(recoveryId).map(recovery -> {
            if (recovery == null) {
                throw new ProblemException(SigningError.RECOVERY_NOT_FOUND, "No such recovery");
            }
            if (recovery.status != RecoveryStatus.REQUESTED) {
                throw new ProblemException(SigningError.RECOVERY_NOT_OPEN,
                        "The recovery is " + recovery.status + ", not waiting for approval");
            }
            return recovery;
        });
    }

    /** Free text for the audit trail: required, at most 500 characters, none that hide or reorder what is shown. */
    private static void text(String field, String value) {
        new FieldValidator().require(field, value, 500).check(field, value == null || value.codePoints().noneMatch(
                c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT),
                "must not contain control or formatting characters").throwIfInvalid(SigningError.VALIDATION_FAILED);
    }

    private static void close(DeviceRecovery recovery, RecoveryStatus status, Instant at) {
        recovery.status = status;
        recovery.closedAt = at;
        // The code has done its work (or failed): nothing may match it again.
        recovery.codeHash = null;
    }

    private record Bound(Credential credential, List<String> retired) {
    }

    private record CodeCheck(boolean ok, String problem) {
        static final CodeCheck OK = new CodeCheck(true, null);
        static final CodeCheck NOT_OPEN = new CodeCheck(false, "not open");
        static final CodeCheck EXPIRED = new CodeCheck(false, "The recovery code expired; ask for a recovery again");
    }
}
