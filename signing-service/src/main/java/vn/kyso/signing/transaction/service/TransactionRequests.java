package vn.kyso.signing.transaction.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.db.Constraints;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.DisplayText;
import vn.kyso.commons.work.Blocking;
import vn.kyso.events.EventTypes;
import vn.kyso.events.signature.SignatureRequested;
import vn.kyso.sdk.crypto.Ades;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.audit.AuditTrail;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.crypto.Digests;
import vn.kyso.signing.transaction.model.ApprovalEffect;
import vn.kyso.signing.transaction.model.ItemType;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionDocument;
import vn.kyso.signing.transaction.model.TransactionItem;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.transaction.repository.TransactionDocumentRepository;
import vn.kyso.signing.transaction.repository.TransactionItemRepository;
import vn.kyso.signing.transaction.repository.TransactionRepository;

/**
 * A requester asks for signatures: the request is checked (what the subscriber will be shown, the documents), made
 * idempotent by the requester's own reference, and stored with its {@code SignatureRequested} event.
 */
@ApplicationScoped
public class TransactionRequests {

    /** Hash items per transaction: e-invoice software signs its batches under one approval. */
    public static final int MAX_ITEMS = 100;
    /** Whole-PDF items per transaction, each up to {@link #MAX_DOCUMENT_BYTES}. */
    private static final int MAX_PDF_ITEMS = 20;
    private static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

    private final TransactionRepository transactions;
    private final TransactionItemRepository items;
    private final TransactionDocumentRepository documents;
    private final CredentialRepository credentials;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditTrail audit;
    private final SigningConfig config;
    private final Clock clock;

    public TransactionRequests(TransactionRepository transactions, TransactionItemRepository items,
            TransactionDocumentRepository documents, CredentialRepository credentials, Outbox outbox,
            OutboxRelay relay, AuditTrail audit, SigningConfig config, Clock clock) {
        this.transactions = transactions;
        this.items = items;
        this.documents = documents;
        this.credentials = credentials;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * One document to sign: its SHA-256 digest, and for a whole PDF the document itself and where its visible
     * signature goes (null: invisible).
     */
    public record NewItem(String docId, String fileName, ItemType type, String hashAlgorithm, byte[] digest,
            byte[] document, Ades.Appearance appearance) {

        /** A whole PDF, signed as PAdES. */
        public static NewItem pdf(String docId, String fileName, byte[] document, Ades.Appearance appearance) {
            return new NewItem(docId, fileName, ItemType.PDF, "SHA-256", document == null ? null
                    : Digests.sha256(document), document, appearance);
        }

        public static NewItem hash(String docId, String fileName, byte[] digest) {
            return hash(docId, fileName, "SHA-256", digest);
        }

        /** A caller-computed digest: SHA-256, SHA-384 or SHA-512. */
        public static NewItem hash(String docId, String fileName, String hashAlgorithm, byte[] digest) {
            return new NewItem(docId, fileName, ItemType.HASH, hashAlgorithm, digest, null, null);
        }
    }

    /**
     * A validated request.
     *
     * @param requestRef the requester's own id for it: asking again with the same one returns the first transaction
     * @param approvalEffect what the subscriber's approval does: sign now, or authorise a signing call to come
     * @param timeStampSignatures whether each signature gets an RFC 3161 token over it from Kyso's TSA
     * @param firstContact the requester is one the subscriber has not decided on yet (see
     *        {@link vn.kyso.signing.transaction.model.SigningTransaction#firstContact})
     */
    public record NewTransaction(UUID accountId, String requesterType, String requesterId, String requestRef,
            String appName, String description, Duration lifetime, List<NewItem> items, ApprovalEffect approvalEffect,
            boolean timeStampSignatures, boolean firstContact) {

        public NewTransaction(UUID accountId, String requesterType, String requesterId, String requestRef,
                String appName, String description, Duration lifetime, List<NewItem> items,
                ApprovalEffect approvalEffect, boolean timeStampSignatures) {
            this(accountId, requesterType, requesterId, requestRef, appName, description, lifetime, items,
                    approvalEffect, timeStampSignatures, false);
        }

        public NewTransaction(UUID accountId, String requesterType, String requesterId, String requestRef,
                String appName, String description, Duration lifetime, List<NewItem> items,
                ApprovalEffect approvalEffect) {
            this(accountId, requesterType, requesterId, requestRef, appName, description, lifetime, items,
                    approvalEffect, false);
        }

        /** The same request, marked as a first contact or not. */
        public NewTransaction firstContact(boolean first) {
            return new NewTransaction(accountId, requesterType, requesterId, requestRef, appName, description,
                    lifetime, items, approvalEffect, timeStampSignatures, first);
        }

        /** A request whose approval signs. */
        public NewTransaction(UUID accountId, String requesterType, String requesterId, String requestRef,
                String appName, String description, Duration lifetime, List<NewItem> items) {
            this(accountId, requesterType, requesterId, requestRef, appName, description, lifetime, items,
                    ApprovalEffect.SIGN);
        }
    }

    /** The transaction a request led to, and whether this request made it (false: an earlier one with its ref did). */
    public record Created(LoadedTransaction loaded, boolean fresh) {
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
                valid.add(NewItem.pdf(docId, fileName, document, null));
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
     * As {@link #create(NewTransaction)}, inside the caller's database transaction, for a caller that checked its
     * documents itself and has no reference of its own to reuse; the caller calls {@link #committed()} after its commit.
     */
    public Uni<LoadedTransaction> createWithin(NewTransaction request) {
        try {
            checkDisplayed(request);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return insert(request);
    }

    /** After the commit of a {@link #createWithin(NewTransaction)}: its event leaves now. */
    public void committed() {
        relay.wake();
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
                    Ades.pdfProblem(requested.get(i).document())
                            .ifPresent(problem -> v.check("items[" + index + "].document", false, problem));
                }
            }
            v.throwIfInvalid(SigningError.VALIDATION_FAILED);
            return null;
        }).replaceWithVoid();
    }

    private Uni<LoadedTransaction> existing(NewTransaction request) {
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
                    return items.of(tx.id).map(list -> new LoadedTransaction(tx, list));
                });
    }

    private Uni<LoadedTransaction> insert(NewTransaction request) {
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
            tx.approvalEffect = request.approvalEffect();
            tx.timeStampSignatures = request.timeStampSignatures();
            tx.firstContact = request.firstContact();
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
                    document.appearance(in.appearance());
                    documents.add(document);
                }
            }
            return transactions.persist(tx).call(() -> items.persist(rows))
                    .call(() -> documents.isEmpty() ? Uni.createFrom().voidItem() : this.documents.persist(documents))
                    .call(() -> outbox.append(EventTypes.SIGNATURE_REQUESTED, tx.id, new SignatureRequested(tx.id,
                            tx.accountId, tx.credentialId, tx.requesterType, tx.requesterId, tx.appName,
                            tx.description, rows.size(), tx.requestedAt, tx.expiresAt, tx.firstContact)))
                    .call(() -> audit.record("SignatureRequested", tx.id, tx.accountId, Map.of("requester",
                            tx.requesterType + ":" + tx.requesterId, "items", rows.size())))
                    .map(ignored -> new LoadedTransaction(tx, rows));
        });
    }
}
