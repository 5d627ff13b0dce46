package vn.kyso.signing.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.crypto.custody.KeyCustody;
import vn.kyso.commons.crypto.custody.KeySigner;
import vn.kyso.commons.db.Constraints;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.DisplayText;
import vn.kyso.commons.work.Blocking;
import vn.kyso.events.EventTypes;
import vn.kyso.events.signature.SignatureCompleted;
import vn.kyso.events.signature.SignatureExpired;
import vn.kyso.events.signature.SignatureRejected;
import vn.kyso.events.signature.SignatureRequested;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.crypto.DigestSigning;
import vn.kyso.signing.crypto.IssuedCertificates;
import vn.kyso.signing.crypto.Pades;
import vn.kyso.signing.crypto.SealedSecrets;
import vn.kyso.signing.crypto.TimeStamps;
import vn.kyso.signing.model.Credential;
import vn.kyso.signing.model.CredentialStatus;
import vn.kyso.signing.model.DeviceChallenge;
import vn.kyso.signing.model.ItemType;
import vn.kyso.signing.model.SigningTransaction;
import vn.kyso.signing.model.TransactionDocument;
import vn.kyso.signing.model.TransactionItem;
import vn.kyso.signing.model.TransactionStatus;
import vn.kyso.signing.repository.CredentialRepository;
import vn.kyso.signing.repository.DeviceChallengeRepository;
import vn.kyso.signing.repository.TransactionDocumentRepository;
import vn.kyso.signing.repository.TransactionItemRepository;
import vn.kyso.signing.repository.TransactionRepository;

/**
 * Signing transactions: a requester asks, the subscriber approves with PIN + device proof over a challenge bound to
 * the transaction and its digests (then every item is signed inside custody) or rejects; unanswered ones expire.
 */
@ApplicationScoped
public class TransactionService {

    private static final Logger LOG = Logger.getLogger(TransactionService.class);
    /** Hash items per transaction: e-invoice software signs its batches under one approval. */
    public static final int MAX_ITEMS = 100;
    /** Whole-PDF items per transaction, each up to {@link #MAX_DOCUMENT_BYTES}. */
    private static final int MAX_PDF_ITEMS = 20;
    private static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

    private final TransactionRepository transactions;
    private final TransactionItemRepository items;
    private final TransactionDocumentRepository documents;
    private final CredentialRepository credentials;
    private final DeviceChallengeRepository challenges;
    private final PinGuard guard;
    private final KeyCustody custody;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditTrail audit;
    private final Webhooks webhooks;
    private final SigningConfig config;
    private final TimeStamps timeStamps;
    private final SealedSecrets sealed;
    private static final String AUTHORIZED_BINDING = "csc-binding.v1";
    /** How long an approved CSC authorisation may wait for signHash (the SAD's lifetime). */
    static final Duration AUTHORIZATION_WINDOW = Duration.ofMinutes(5);
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TransactionService(TransactionRepository transactions, TransactionItemRepository items,
            TransactionDocumentRepository documents, CredentialRepository credentials,
            DeviceChallengeRepository challenges, PinGuard guard, KeyCustody custody, Outbox outbox, OutboxRelay relay,
            AuditTrail audit, Webhooks webhooks, SigningConfig config, TimeStamps timeStamps, SealedSecrets sealed,
            Clock clock) {
        this.transactions = transactions;
        this.items = items;
        this.documents = documents;
        this.credentials = credentials;
        this.challenges = challenges;
        this.guard = guard;
        this.custody = custody;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.webhooks = webhooks;
        this.config = config;
        this.timeStamps = timeStamps;
        this.sealed = sealed;
        this.clock = clock;
    }

    /** One document to sign: its SHA-256 digest, and for a whole PDF the document itself. */
    public record NewItem(String docId, String fileName, ItemType type, String hashAlgorithm, byte[] digest,
            byte[] document) {

        public static NewItem hash(String docId, String fileName, byte[] digest) {
            return hash(docId, fileName, "SHA-256", digest);
        }

        /** A caller-computed digest: SHA-256, SHA-384 or SHA-512. */
        public static NewItem hash(String docId, String fileName, String hashAlgorithm, byte[] digest) {
            return new NewItem(docId, fileName, ItemType.HASH, hashAlgorithm, digest, null);
        }
    }

    /**
     * A validated request.
     *
     * @param requestRef the requester's own id for it: asking again with the same one returns the first transaction
     */
    public record NewTransaction(UUID accountId, String requesterType, String requesterId, String requestRef,
            String appName, String description, Duration lifetime, List<NewItem> items) {
    }

    /** The transaction a request led to, and whether this request made it (false: an earlier one with its ref did). */
    public record Created(Loaded loaded, boolean fresh) {
    }

    /** A document to show or hand back. */
    public record Document(String fileName, String contentType, byte[] content) {
    }

    /** A transaction with its items, as the services above see it. */
    public record Loaded(SigningTransaction transaction, List<TransactionItem> items) {
    }

    public static List<NewItem> validateItems(List<Map<String, String>> raw, FieldValidator v) {
        List<NewItem> valid = new ArrayList<>();
        v.check("items", raw != null && !raw.isEmpty() && raw.size() <= MAX_ITEMS,
                "must hold 1 to " + MAX_ITEMS + " documents")
                .check("items", raw == null || raw.stream().filter(i -> i != null && "pdf".equals(i.get("type")))
                        .count() <= MAX_PDF_ITEMS, "may hold at most " + MAX_PDF_ITEMS + " PDF documents");
        if (raw == null || raw.size() > MAX_ITEMS) {
            return valid;
        }
        for (int i = 0; i < raw.size(); i++) {
            Map<String, String> item = raw.get(i) == null ? Map.of() : raw.get(i);
            String field = "items[" + i + "]";
            String docId = item.get("docId");
            String fileName = item.get("fileName");
            String type = item.getOrDefault("type", "hash");
            v.require(field + ".docId", docId, 128).require(field + ".fileName", fileName, 255)
                    .check(field + ".type", "hash".equals(type) || "pdf".equals(type), "must be hash or pdf");
            if ("pdf".equals(type)) {
                byte[] document = decode(item.get("document"));
                v.check(field + ".document", document != null && document.length > 0
                        && document.length <= MAX_DOCUMENT_BYTES, "must be the base64 of a PDF of at most "
                        + MAX_DOCUMENT_BYTES / (1024 * 1024) + " MiB")
                        .check(field + ".digest", item.get("digest") == null, "is computed from the document");
                valid.add(new NewItem(docId, fileName, ItemType.PDF, "SHA-256",
                        document == null ? null : sha256(document), document));
                continue;
            }
            String algorithm = item.getOrDefault("hashAlgorithm", "SHA-256");
            byte[] digest = decode(item.get("digest"));
            v.check(field + ".hashAlgorithm", "SHA-256".equals(algorithm) || "2.16.840.1.101.3.4.2.1"
                            .equals(algorithm), "must be SHA-256")
                    .check(field + ".digest", digest != null && digest.length == 32,
                            "must be the base64 of a 32-byte SHA-256 digest");
            valid.add(NewItem.hash(docId, fileName, digest));
        }
        return valid;
    }

    private static byte[] decode(String base64) {
        try {
            return base64 == null ? null : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lifetime a requester asked for, or the configured default. */
    public Duration lifetime(Integer seconds) {
        return seconds == null ? config.transactionLifetime() : Duration.ofSeconds(seconds);
    }

    public Uni<Created> create(NewTransaction request) {
        try {
            checkDisplayed(request);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return checkDocuments(request.items()).chain(() -> Panache.withTransaction(() -> existing(request)
                .chain(found -> found != null ? Uni.createFrom().item(new Created(found, false))
                        : insert(request).map(loaded -> new Created(loaded, true)))))
                // Two requesters racing for one new reference: the loser is told it is taken, like any reuse.
                .onFailure(Constraints::isUniqueViolation).transform(e -> new ProblemException(
                        SigningError.REQUEST_REF_REUSED, "This request reference is already in use; choose another"))
                .invoke(relay::wake);
    }

    /**
     * What the approval screen shows the subscriber comes from the requester: it must read as what it is (no bidi
     * overrides, zero-width or control characters), whatever protocol carried it.
     */
    private static void checkDisplayed(NewTransaction request) {
        FieldValidator v = new FieldValidator();
        v.check("description", !DisplayText.deceptive(request.description()), DisplayText.REASON);
        v.check("appName", !DisplayText.deceptive(request.appName()), DisplayText.REASON);
        for (int i = 0; i < request.items().size(); i++) {
            NewItem item = request.items().get(i);
            v.check("items[" + i + "].docId", !DisplayText.deceptive(item.docId()), DisplayText.REASON);
            v.check("items[" + i + "].fileName", !DisplayText.deceptive(item.fileName()), DisplayText.REASON);
        }
        v.throwIfInvalid(SigningError.VALIDATION_FAILED);
    }

    /** PDFs are parsed before anything is stored, off the event loop: an unreadable one is the caller's error. */
    private Uni<Void> checkDocuments(List<NewItem> requested) {
        if (requested.stream().noneMatch(i -> i.type() == ItemType.PDF)) {
            return Uni.createFrom().voidItem();
        }
        return Blocking.onWorker(() -> {
            FieldValidator v = new FieldValidator();
            for (int i = 0; i < requested.size(); i++) {
                if (requested.get(i).type() == ItemType.PDF) {
                    int index = i;
                    Pades.problemWith(requested.get(i).document())
                            .ifPresent(problem -> v.check("items[" + index + "].document", false, problem));
                }
            }
            v.throwIfInvalid(SigningError.VALIDATION_FAILED);
            return null;
        }).replaceWithVoid();
    }

    private Uni<Loaded> existing(NewTransaction request) {
        if (request.requestRef() == null) {
            return Uni.createFrom().nullItem();
        }
        return transactions.find("requesterType = ?1 and requestRef = ?2", request.requesterType(),
                        request.requestRef()).firstResult()
                .chain(tx -> {
                    if (tx == null) {
                        return Uni.createFrom().nullItem();
                    }
                    if (!tx.requesterId.equals(request.requesterId())) {
                        // Unique across requesters of a kind; whose it is stays unsaid.
                        return Uni.createFrom().failure(new ProblemException(SigningError.REQUEST_REF_REUSED,
                                "This request reference is already in use; choose another"));
                    }
                    if (!tx.accountId.equals(request.accountId())) {
                        return Uni.createFrom().failure(new ProblemException(SigningError.REQUEST_REF_REUSED,
                                "This request reference already names another subscriber's transaction"));
                    }
                    return items.of(tx.id).map(list -> new Loaded(tx, list));
                });
    }

    private Uni<Loaded> insert(NewTransaction request) {
        return credentials.find("accountId = ?1 and status = ?2", request.accountId(),
                CredentialStatus.ACTIVE).firstResult().chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(new ProblemException(SigningError.NO_USABLE_CREDENTIAL,
                        "The subscriber has no ACTIVE credential to sign with"));
            }
            Instant now = clock.instant();
            SigningTransaction tx = new SigningTransaction();
            tx.id = UUID.randomUUID();
            tx.accountId = request.accountId();
            tx.credentialId = credential.id;
            tx.requesterType = request.requesterType();
            tx.requesterId = request.requesterId();
            tx.requestRef = request.requestRef();
            tx.appName = request.appName();
            tx.description = request.description();
            tx.status = TransactionStatus.PENDING;
            tx.requestedAt = now;
            tx.expiresAt = now.plus(request.lifetime());
            List<TransactionItem> rows = new ArrayList<>();
            List<TransactionDocument> documents = new ArrayList<>();
            for (int i = 0; i < request.items().size(); i++) {
                NewItem in = request.items().get(i);
                TransactionItem item = new TransactionItem();
                item.id = UUID.randomUUID();
                item.transactionId = tx.id;
                item.position = i;
                item.docId = in.docId();
                item.fileName = in.fileName();
                item.type = in.type();
                item.hashAlgorithm = in.hashAlgorithm();
                item.digest = in.digest();
                rows.add(item);
                if (in.type() == ItemType.PDF) {
                    TransactionDocument document = new TransactionDocument();
                    document.itemId = item.id;
                    document.contentType = "application/pdf";
                    document.original = in.document();
                    documents.add(document);
                }
            }
            return transactions.persist(tx).call(() -> items.persist(rows))
                    .call(() -> documents.isEmpty() ? Uni.createFrom().voidItem() : this.documents.persist(documents))
                    .call(() -> outbox.append(EventTypes.SIGNATURE_REQUESTED, tx.id, new SignatureRequested(tx.id,
                            tx.accountId, tx.credentialId, tx.requesterType, tx.requesterId, tx.appName,
                            tx.description, rows.size(), tx.requestedAt, tx.expiresAt)))
                    .call(() -> audit.record("SignatureRequested", tx.id, tx.accountId, Map.of("requester",
                            tx.requesterType + ":" + tx.requesterId, "items", rows.size())))
                    .map(ignored -> new Loaded(tx, rows));
        });
    }

    /** The subscriber's transactions, newest first, each with its items (file names for the list). */
    public Uni<List<Loaded>> list(UUID accountId, TransactionStatus status) {
        return Panache.withSession(() -> transactions.forAccount(accountId, status).chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(List.<Loaded>of());
            }
            return items.list("transactionId in ?1", Sort.by("position"), list.stream().map(t -> t.id).toList())
                    .map(all -> list.stream().map(tx -> new Loaded(tx, all.stream()
                            .filter(i -> i.transactionId.equals(tx.id)).toList())).toList());
        }));
    }

    public Uni<Loaded> get(UUID accountId, UUID id) {
        return Panache.withSession(() -> transactions.findById(id).chain(tx -> {
            if (tx == null || !tx.accountId.equals(accountId)) {
                return Uni.createFrom().failure(notFound());
            }
            return items.of(id).map(list -> new Loaded(tx, list));
        }));
    }

    /** A fresh challenge for approving or rejecting: random, and bound to the transaction id and its digests. */
    public Uni<DeviceChallenge> challenge(Loaded loaded) {
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

    private String bindingChallenge(Loaded loaded) {
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

    /** What happened inside the transaction; problems are raised after it commits, so counters and expiry stick. */
    private record Outcome(Loaded loaded, PinCheck check, ProblemException problem) {
    }

    public Uni<Loaded> confirm(UUID accountId, UUID id, String pin, String challenge, DeviceProof device) {
        return Panache.withTransaction(() -> lockPending(accountId, id).chain(state -> {
            if (state.problem() != null) {
                return Uni.createFrom().item(state);
            }
            SigningTransaction tx = state.loaded().transaction();
            return credentials.lockOwned(tx.credentialId, accountId).chain(credential -> {
                if (credential == null || credential.status != CredentialStatus.ACTIVE) {
                    return Uni.createFrom().item(new Outcome(state.loaded(), null, new ProblemException(
                            SigningError.CREDENTIAL_NOT_USABLE, "The credential of this transaction cannot sign now")));
                }
                return guard.check(credential, pin, challenge, device, purpose(tx.id)).chain(check -> {
                    if (check.outcome() != PinCheck.Outcome.OK) {
                        return audit.record("SignatureApprovalRefused", tx.id, accountId, Map.of("reason",
                                check.outcome().name())).replaceWith(new Outcome(state.loaded(), check, null));
                    }
                    if (CscService.REQUESTER_TYPE.equals(tx.requesterType)) {
                        return authorize(state.loaded(), check.binding())
                                .replaceWith(new Outcome(state.loaded(), check, null));
                    }
                    return signAll(state.loaded(), credential, check.binding())
                            .replaceWith(new Outcome(state.loaded(), check, null));
                });
            });
        })).map(this::raise);
    }

    public Uni<Loaded> reject(UUID accountId, UUID id, String challenge, DeviceProof device) {
        return Panache.withTransaction(() -> lockPending(accountId, id).chain(state -> {
            if (state.problem() != null) {
                return Uni.createFrom().item(state);
            }
            SigningTransaction tx = state.loaded().transaction();
            return credentials.findById(tx.credentialId).chain(credential -> guard.devicePresent(credential, challenge,
                    device, purpose(tx.id))).chain(present -> {
                        if (present != PinCheck.Outcome.OK) {
                            return Uni.createFrom().item(new Outcome(state.loaded(), PinCheck.of(present), null));
                        }
                        Instant now = clock.instant();
                        tx.status = TransactionStatus.REJECTED;
                        tx.completedAt = now;
                        return outbox.append(EventTypes.SIGNATURE_REJECTED, tx.id, new SignatureRejected(tx.id,
                                        tx.accountId, tx.credentialId, now, tx.requesterType, tx.requesterId))
                                .call(() -> audit.record("SignatureRejected", tx.id, accountId, Map.of()))
                                .call(() -> webhooks.finished(tx, List.of()))
                                .replaceWith(new Outcome(state.loaded(), PinCheck.of(PinCheck.Outcome.OK), null));
                    });
        })).map(this::raise);
    }

    /** TH v2: the SAD's hash goes on the pending transaction it authorises. */
    public Uni<Void> attachSad(UUID id, String sadHash) {
        return Panache.withTransaction(() -> transactions.findById(id).invoke(tx -> tx.sadHash = sadHash))
                .replaceWithVoid();
    }

    /**
     * TH v2: signs a pending transaction without the app's approval, because the SP presented the transaction's
     * unspent SAD (checked here, then spent) and the subscriber's password; the key opens with the binding the
     * subscriber sealed when enabling delegation.
     */
    public Uni<Loaded> confirmDelegated(UUID id, String sadHash, Delegation delegation) {
        return Panache.withTransaction(() -> transactions.findById(id, jakarta.persistence.LockModeType
                .PESSIMISTIC_WRITE).chain(tx -> {
            if (tx == null || tx.sadHash == null || !MessageDigest.isEqual(tx.sadHash.getBytes(StandardCharsets
                    .US_ASCII), sadHash.getBytes(StandardCharsets.US_ASCII))) {
                return Uni.createFrom().failure(new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID,
                        "SAD_INVALID"));
            }
            return lockPending(tx.accountId, id).chain(state -> {
                if (state.problem() != null) {
                    return Uni.createFrom().item(state);
                }
                tx.sadHash = null;
                return credentials.findById(tx.credentialId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .chain(credential -> {
                            if (credential == null || credential.status != CredentialStatus.ACTIVE
                                    || credential.delegatedBindingSealed == null) {
                                return Uni.createFrom().item(new Outcome(state.loaded(), null, new ProblemException(
                                        SigningError.CREDENTIAL_NOT_USABLE, "TH delegation is not enabled")));
                            }
                            return signAll(state.loaded(), credential, delegation.binding(credential))
                                    .replaceWith(new Outcome(state.loaded(), PinCheck.of(PinCheck.Outcome.OK), null));
                        });
            });
        })).map(this::raise);
    }

    private Loaded raise(Outcome outcome) {
        relay.wake();
        webhooks.wake();
        if (outcome.problem() != null) {
            throw outcome.problem();
        }
        outcome.check().throwUnlessOk();
        return outcome.loaded();
    }

    /** The locked transaction if it is still pending; an overdue one is expired on the spot. */
    private Uni<Outcome> lockPending(UUID accountId, UUID id) {
        return transactions.lockOwned(id, accountId).chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(notFound());
            }
            return items.of(id).chain(list -> {
                Loaded loaded = new Loaded(tx, list);
                if (tx.status != TransactionStatus.PENDING) {
                    return Uni.createFrom().item(new Outcome(loaded, null, new ProblemException(
                            SigningError.TRANSACTION_NOT_PENDING, "The transaction is " + tx.status)));
                }
                if (!clock.instant().isBefore(tx.expiresAt)) {
                    return expire(tx).replaceWith(new Outcome(loaded, null, new ProblemException(
                            SigningError.TRANSACTION_EXPIRED, "The transaction expired at " + tx.expiresAt)));
                }
                return Uni.createFrom().item(new Outcome(loaded, null, null));
            });
        });
    }

    private Uni<Void> signAll(Loaded loaded, Credential credential, byte[] binding) {
        SigningTransaction tx = loaded.transaction();
        List<UUID> pdfItems = loaded.items().stream().filter(i -> i.type == ItemType.PDF).map(i -> i.id).toList();
        Uni<List<TransactionDocument>> pdfs = pdfItems.isEmpty() ? Uni.createFrom().item(List.of())
                : documents.list("itemId in ?1", pdfItems);
        return pdfs.chain(docs -> Blocking.onWorker(() -> {
            KeySigner key = custody.open(credential.keyReference, binding);
            Instant signingTime = clock.instant();
            for (TransactionItem item : loaded.items()) {
                if (item.type == ItemType.PDF) {
                    TransactionDocument document = docs.stream().filter(d -> d.itemId.equals(item.id)).findFirst()
                            .orElseThrow(() -> new IllegalStateException("document of item " + item.id + " missing"));
                    Pades.Signed signed = Pades.sign(document.original, new Pades.Signer(key, credential.keyAlgorithm,
                            IssuedCertificates.chain(credential.certificate, credential.caCertificate,
                                    credential.rootCertificate), null, tx.description, "Kyso"),
                            signingTime, timeStamps);
                    document.signed = signed.pdf();
                    item.signature = signed.cms();
                    item.signatureLevel = signed.level();
                } else {
                    item.signature = DigestSigning.sign(key, credential.keyAlgorithm, item.hashAlgorithm, item.digest);
                }
            }
            return key;
        })).chain(ignored -> {
            Instant now = clock.instant();
            tx.status = TransactionStatus.SIGNED;
            tx.completedAt = now;
            LOG.infof("transaction %s signed: %d item(s) with credential %s", tx.id, loaded.items().size(),
                    credential.id);
            return outbox.append(EventTypes.SIGNATURE_COMPLETED, tx.id, new SignatureCompleted(tx.id, tx.accountId,
                            tx.credentialId, credential.serialNumber, loaded.items().size(), now, tx.requesterType,
                            tx.requesterId))
                    .call(() -> audit.record("SignatureCompleted", tx.id, tx.accountId, Map.of("serialNumber",
                            String.valueOf(credential.serialNumber), "items", loaded.items().size())))
                    .call(() -> webhooks.finished(tx, loaded.items()))
                    .replaceWithVoid();
        });
    }

    /**
     * CSC: the subscriber approved; the key's binding is sealed to this transaction for the SAD window, so signHash can
     * sign exactly these hashes without the PIN, once.
     */
    private Uni<Void> authorize(Loaded loaded, byte[] binding) {
        SigningTransaction tx = loaded.transaction();
        Instant now = clock.instant();
        tx.status = TransactionStatus.AUTHORIZED;
        tx.authorizedBindingSealed = sealed.seal(AUTHORIZED_BINDING, binding, tx.id.toString());
        tx.expiresAt = now.plus(AUTHORIZATION_WINDOW);
        return audit.record("SignatureAuthorized", tx.id, tx.accountId, Map.of("items", loaded.items().size()));
    }

    /**
     * CSC signHash, inside the caller's transaction with {@code tx} locked and the SAD checked: signs every authorised
     * item now and wipes the sealed binding.
     */
    public Uni<Void> signAuthorized(Loaded loaded) {
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
            return signAll(loaded, credential, binding);
        }).invoke(() -> {
            relay.wake();
        });
    }

    private Uni<Void> expire(SigningTransaction tx) {
        Instant now = clock.instant();
        tx.authorizedBindingSealed = null;
        tx.status = TransactionStatus.EXPIRED;
        tx.completedAt = now;
        return outbox.append(EventTypes.SIGNATURE_EXPIRED, tx.id, new SignatureExpired(tx.id, tx.accountId,
                        tx.credentialId, now, tx.requesterType, tx.requesterId))
                .call(() -> audit.record("SignatureExpired", tx.id, tx.accountId, Map.of()))
                .call(() -> webhooks.finished(tx, List.of()))
                .replaceWithVoid();
    }

    /** Expires overdue transactions; replicas share the work through row locks (skip locked), each expires once. */
    @Scheduled(every = "${kyso.signing.expiry-sweep:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expireOverdue() {
        return Panache.withTransaction(() -> transactions.overdue(clock.instant(), 100).chain(overdue -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SigningTransaction tx : overdue) {
                chain = chain.chain(() -> expire(tx));
            }
            return chain.replaceWith(overdue.size());
        })).invoke(n -> {
            if (n > 0) {
                relay.wake();
                webhooks.wake();
                LOG.infof("expired %d signing transaction(s)", n);
            }
        }).onFailure().invoke(e -> LOG.warnf("expiry sweep failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * A file item's document for the subscriber's "view document": the signed PDF once signed, else the original.
     *
     * @param docId which item; null = the first file item
     */
    public Uni<Document> document(UUID accountId, UUID id, String docId) {
        return get(accountId, id).chain(loaded -> documentOf(loaded, docId));
    }

    /** The same for the service that asked for the transaction (or an operator). */
    public Uni<Document> documentForRequester(String requesterId, boolean operator, UUID id, String docId) {
        return loadForRequester(requesterId, operator, id).chain(loaded -> documentOf(loaded, docId));
    }

    /** A transaction as the requester that made it (or an operator) may see it. */
    public Uni<Loaded> loadForRequester(String requesterId, boolean operator, UUID id) {
        return Panache.withSession(() -> transactions.findById(id).chain(tx -> {
            if (tx == null || !(operator || "KYSO".equals(tx.requesterType) && tx.requesterId.equals(requesterId))) {
                return Uni.createFrom().failure(new ProblemException(SigningError.TRANSACTION_NOT_FOUND,
                        "No such transaction for this requester"));
            }
            return items.of(id).map(list -> new Loaded(tx, list));
        }));
    }

    private Uni<Document> documentOf(Loaded loaded, String docId) {
        TransactionItem item = loaded.items().stream()
                .filter(i -> i.type == ItemType.PDF && (docId == null || docId.equals(i.docId))).findFirst()
                .orElseThrow(() -> new ProblemException(SigningError.DOCUMENT_NOT_FOUND,
                        "This transaction has no such document"));
        return Panache.withSession(() -> documents.findById(item.id)).map(document -> new Document(item.fileName,
                document.contentType, document.signed != null ? document.signed : document.original));
    }

    private static ProblemException notFound() {
        return new ProblemException(SigningError.TRANSACTION_NOT_FOUND, "No such transaction for this subscriber");
    }
}
