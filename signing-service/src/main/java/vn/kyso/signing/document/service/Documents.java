package vn.kyso.signing.document.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.work.Blocking;
import vn.kyso.sdk.crypto.Ades;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.audit.AuditTrail;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.document.model.SubscriberDocument;
import vn.kyso.signing.document.model.SubscriberDocumentContent;
import vn.kyso.signing.document.repository.SubscriberDocumentContentRepository;
import vn.kyso.signing.document.repository.SubscriberDocumentRepository;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.transaction.repository.TransactionDocumentRepository;
import vn.kyso.signing.transaction.repository.TransactionRepository;
import vn.kyso.signing.transaction.service.LoadedTransaction;
import vn.kyso.signing.transaction.service.ShownDocument;
import vn.kyso.signing.transaction.service.TransactionRequests;

/**
 * "Ký tài liệu": a subscriber uploads a PDF, places the signature, approves the signing transaction that follows like
 * any other, downloads the signed PDF, and deletes it — the bytes leave with it, from every attempt's transaction too.
 */
@ApplicationScoped
public class Documents {

    /** The requester kind of a subscriber signing their own document. */
    public static final String REQUESTER_TYPE = "SUBSCRIBER";
    static final String APP_NAME = "Kyso — Ký tài liệu";

    private final SubscriberDocumentRepository documents;
    private final SubscriberDocumentContentRepository contents;
    private final TransactionRepository transactions;
    private final TransactionDocumentRepository transactionDocuments;
    private final TransactionRequests requests;
    private final AuditTrail audit;
    private final SigningConfig.Documents config;
    private final Clock clock;
    private final Semaphore drawing;

    public Documents(SubscriberDocumentRepository documents, SubscriberDocumentContentRepository contents,
            TransactionRepository transactions, TransactionDocumentRepository transactionDocuments,
            TransactionRequests requests, AuditTrail audit, SigningConfig config, Clock clock) {
        this.documents = documents;
        this.contents = contents;
        this.transactions = transactions;
        this.transactionDocuments = transactionDocuments;
        this.requests = requests;
        this.audit = audit;
        this.config = config.documents();
        this.clock = clock;
        this.drawing = new Semaphore(Math.max(1, config.documents().maxConcurrentPreviews()));
    }

    /** A document with its latest signing attempt (null: never asked), and its layout when it was read. */
    public record Shown(SubscriberDocument document, SigningTransaction latest, PdfPages.Layout layout) {
    }

    /**
     * Where the signature goes: a page (1-based) and a rectangle in points from the page's top-left corner, or the
     * name of an empty signature field.
     */
    public record Placement(Integer page, Float x, Float y, Float width, Float height, String field) {
    }

    /** A document whose placement fits it. */
    private record Checked(byte[] pdf, Ades.Appearance appearance) {
    }

    public int maxDocumentBytes() {
        return config.maxDocumentBytes();
    }

    public Uni<Shown> upload(UUID accountId, String fileName, byte[] pdf) {
        if (pdf.length > config.maxDocumentBytes()) {
            throw new ProblemException(SigningError.DOCUMENT_TOO_LARGE, "a document may be at most "
                    + config.maxDocumentBytes() / (1024 * 1024) + " MiB");
        }
        return Blocking.onWorker(() -> PdfPages.layout(pdf)).chain(layout -> Panache.withTransaction(() ->
                documents.countOf(accountId).chain(kept -> {
                    if (kept >= config.maxPerSubscriber()) {
                        return Uni.createFrom().failure(new ProblemException(SigningError.DOCUMENT_QUOTA_REACHED,
                                "at most " + config.maxPerSubscriber() + " documents are kept; delete some first"));
                    }
                    SubscriberDocument document = new SubscriberDocument();
                    document.id = UUID.randomUUID();
                    document.accountId = accountId;
                    document.fileName = fileName;
                    document.pageCount = layout.pages().size();
                    document.createdAt = clock.instant();
                    SubscriberDocumentContent content = new SubscriberDocumentContent();
                    content.documentId = document.id;
                    content.content = pdf;
                    return documents.persist(document).call(() -> contents.persist(content))
                            .call(() -> audit.record("DocumentUploaded", document.id, accountId, Map.of(
                                    "pages", document.pageCount, "bytes", pdf.length)))
                            .map(ignored -> new Shown(document, null, layout));
                })));
    }

    /** The subscriber's documents, newest first, each with its latest attempt. */
    public Uni<List<Shown>> list(UUID accountId) {
        return Panache.withSession(() -> documents.ofAccount(accountId).chain(list -> {
            List<UUID> attempts = list.stream().filter(d -> d.transactionId != null).map(d -> d.transactionId)
                    .toList();
            Uni<List<SigningTransaction>> latest = attempts.isEmpty() ? Uni.createFrom().item(List.of())
                    : transactions.list("id in ?1", attempts);
            return latest.map(txs -> list.stream().map(d -> new Shown(d, txs.stream()
                    .filter(t -> t.id.equals(d.transactionId)).findFirst().orElse(null), null)).toList());
        }));
    }

    /** One document with its pages and empty signature fields. */
    public Uni<Shown> get(UUID accountId, UUID id) {
        return Panache.withSession(() -> owned(accountId, id).chain(document -> latest(document)
                .chain(tx -> bytes(document).chain(pdf -> Blocking.onWorker(() -> PdfPages.layout(pdf)))
                        .map(layout -> new Shown(document, tx, layout)))));
    }

    /**
     * Page {@code number} as a PNG: the signed PDF's once signed, so the subscriber sees the stamp. A few are drawn at
     * once per replica; past that the answer is 503 at once rather than a queue behind someone's huge page.
     */
    public Uni<byte[]> page(UUID accountId, UUID id, int number) {
        return Panache.withSession(() -> owned(accountId, id).chain(this::current)).chain(pdf -> {
            if (!drawing.tryAcquire()) {
                return Uni.createFrom().failure(new ProblemException(SigningError.PREVIEW_BUSY,
                        "try again in a few seconds"));
            }
            return Blocking.onWorker(() -> PdfPages.png(pdf, number, config.previewWidth()))
                    .onTermination().invoke(drawing::release);
        });
    }

    /** The signed PDF once signed, else the original. */
    public Uni<ShownDocument> content(UUID accountId, UUID id) {
        return Panache.withSession(() -> owned(accountId, id).chain(document -> current(document)
                .map(pdf -> new ShownDocument(document.fileName, "application/pdf", pdf))));
    }

    /**
     * Asks for the subscriber's own signature on the document where {@code placement} says: a new transaction, which
     * the subscriber approves with PIN + passkey like any other. One attempt waits at a time; a signed document is
     * not signed twice.
     */
    public Uni<LoadedTransaction> requestSignature(UUID accountId, UUID id, Placement placement, String reason) {
        return Panache.withSession(() -> owned(accountId, id).chain(this::bytes))
                .chain(pdf -> Blocking.onWorker(() -> new Checked(pdf, appearance(placement, PdfPages.layout(pdf)))))
                .chain(checked -> Panache.withTransaction(() -> attempt(accountId, id, checked, reason)))
                .invoke(requests::committed);
    }

    private Uni<LoadedTransaction> attempt(UUID accountId, UUID id, Checked checked, String reason) {
        return documents.lockOwned(id, accountId).onItem().ifNull().failWith(Documents::notFound)
                .chain(document -> latest(document).chain(tx -> {
                    if (tx != null && tx.status == TransactionStatus.SIGNED) {
                        return Uni.createFrom().failure(new ProblemException(SigningError.DOCUMENT_ALREADY_SIGNED,
                                "download the signed document"));
                    }
                    if (waiting(tx)) {
                        return Uni.createFrom().failure(new ProblemException(SigningError.DOCUMENT_IN_USE,
                                "approve or reject the waiting request first"));
                    }
                    document.attempts++;
                    // Earlier attempts were rejected or expired: their copies of the bytes serve nothing, and keeping
                    // them would let request-and-reject loops pile up copies of an 8 MiB document.
                    return transactionDocuments.wipeFor(REQUESTER_TYPE, accountId.toString(), document.id + "/%")
                            .chain(() -> newAttempt(accountId, document, checked, reason));
                }));
    }

    private Uni<LoadedTransaction> newAttempt(UUID accountId, SubscriberDocument document, Checked checked,
            String reason) {
        String described = reason == null || reason.isBlank() ? "Ký tài liệu " + document.fileName : reason.strip();
        return requests.createWithin(new TransactionRequests.NewTransaction(accountId, REQUESTER_TYPE,
                        accountId.toString(), document.id + "/" + document.attempts, APP_NAME, described,
                        requests.lifetime(null), List.of(TransactionRequests.NewItem.pdf(document.id.toString(),
                                document.fileName, checked.pdf(), checked.appearance()))))
                .invoke(created -> document.transactionId = created.transaction().id);
    }

    /**
     * Deletes the document and wipes its bytes from every attempt's transaction (the transactions stay in the history,
     * without the document). Refused while an attempt waits for approval.
     */
    public Uni<Void> delete(UUID accountId, UUID id) {
        return Panache.withTransaction(() -> documents.lockOwned(id, accountId).chain(document -> {
            if (document == null) {
                return Uni.createFrom().failure(notFound());
            }
            return latest(document).chain(tx -> {
                if (waiting(tx)) {
                    return Uni.createFrom().failure(new ProblemException(SigningError.DOCUMENT_IN_USE,
                            "reject the waiting request first"));
                }
                return transactionDocuments.wipeFor(REQUESTER_TYPE, accountId.toString(), document.id + "/%")
                        .call(() -> contents.deleteById(document.id))
                        .call(() -> documents.delete(document))
                        .call(() -> audit.record("DocumentDeleted", document.id, accountId, Map.of(
                                "attempts", document.attempts)))
                        .replaceWithVoid();
            });
        }));
    }

    /** The request is still open: pending and not yet past its time. */
    private boolean waiting(SigningTransaction tx) {
        return tx != null && tx.status == TransactionStatus.PENDING && clock.instant().isBefore(tx.expiresAt);
    }

    private Uni<SubscriberDocument> owned(UUID accountId, UUID id) {
        return documents.owned(id, accountId).onItem().ifNull().failWith(Documents::notFound);
    }

    private Uni<SigningTransaction> latest(SubscriberDocument document) {
        return document.transactionId == null ? Uni.createFrom().nullItem()
                : transactions.findById(document.transactionId);
    }

    private Uni<byte[]> bytes(SubscriberDocument document) {
        return contents.findById(document.id).map(c -> c.content);
    }

    private Uni<byte[]> current(SubscriberDocument document) {
        return latest(document).chain(tx -> tx == null || tx.status != TransactionStatus.SIGNED ? bytes(document)
                : transactionDocuments.signedOf(tx.id).chain(signed -> signed != null ? Uni.createFrom().item(signed)
                        : bytes(document)));
    }

    /** The placement checked against the document's pages and fields. */
    static Ades.Appearance appearance(Placement placement, PdfPages.Layout layout) {
        FieldValidator v = new FieldValidator();
        if (placement == null) {
            throw new ProblemException(SigningError.VALIDATION_FAILED,
                    "placement is required: {page, x, y, width, height} or {field}");
        }
        if (placement.field() != null) {
            v.check("placement.field", layout.fields().stream().anyMatch(f -> f.name().equals(placement.field())),
                    "is not an empty signature field of this document");
            v.throwIfInvalid(SigningError.VALIDATION_FAILED);
            return new Ades.Appearance(0, 0, 0, 0, 0, placement.field(), null);
        }
        v.check("placement.page", placement.page() != null && placement.page() >= 1
                && placement.page() <= layout.pages().size(), "must be a page of the document, 1 to "
                + layout.pages().size());
        v.check("placement", placement.x() != null && placement.y() != null && placement.width() != null
                && placement.height() != null, "needs x, y, width and height (points from the page's top-left)");
        v.throwIfInvalid(SigningError.VALIDATION_FAILED);
        PdfPages.Page page = layout.pages().get(placement.page() - 1);
        v.check("placement.width", placement.width() >= 60 && placement.width() <= page.width(),
                "must be 60 points to the page's width (" + Math.round(page.width()) + ")");
        v.check("placement.height", placement.height() >= 20 && placement.height() <= page.height(),
                "must be 20 points to the page's height (" + Math.round(page.height()) + ")");
        v.check("placement.x", placement.x() >= 0 && placement.x() + placement.width() <= page.width() + 0.5f,
                "must keep the signature inside the page");
        v.check("placement.y", placement.y() >= 0 && placement.y() + placement.height() <= page.height() + 0.5f,
                "must keep the signature inside the page");
        v.throwIfInvalid(SigningError.VALIDATION_FAILED);
        return new Ades.Appearance(placement.page(), placement.x(), placement.y(), placement.width(),
                placement.height(), null, null);
    }

    private static ProblemException notFound() {
        return new ProblemException(SigningError.DOCUMENT_NOT_FOUND, "No such document for this subscriber");
    }
}
