package vn.kyso.signing.transaction.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import vn.kyso.sdk.crypto.TimeStamps;
import vn.kyso.commons.crypto.custody.KeyCustody;
import vn.kyso.commons.crypto.custody.KeySigner;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.work.Blocking;
import vn.kyso.events.EventTypes;
import vn.kyso.events.signature.SignatureCompleted;
import vn.kyso.events.signature.SignatureExpired;
import vn.kyso.events.signature.SignatureRejected;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.audit.AuditTrail;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.service.PinCheck;
import vn.kyso.signing.crypto.DigestSigning;
import vn.kyso.signing.crypto.Digests;
import vn.kyso.signing.crypto.Pades;
import vn.kyso.signing.transaction.model.ItemType;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionDocument;
import vn.kyso.signing.transaction.model.TransactionItem;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.transaction.repository.TransactionDocumentRepository;
import vn.kyso.signing.transaction.repository.TransactionItemRepository;
import vn.kyso.signing.transaction.repository.TransactionRepository;

/**
 * The ways a transaction ends — signed inside custody, rejected, expired — each with its event, audit entry and the
 * adapters' effects ({@link TransactionEndListener}) in the database transaction that ends it.
 */
@ApplicationScoped
public class Outcomes {

    private static final Logger LOG = Logger.getLogger(Outcomes.class);
    private static final String SHA256_OID = "2.16.840.1.101.3.4.2.1";

    private final TransactionRepository transactions;
    private final TransactionItemRepository items;
    private final TransactionDocumentRepository documents;
    private final KeyCustody custody;
    private final TimeStamps timeStamps;
    private final AdesSigning adesSigning;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditTrail audit;
    private final List<TransactionEndListener> endListeners;
    private final Clock clock;

    public Outcomes(TransactionRepository transactions, TransactionItemRepository items,
            TransactionDocumentRepository documents, KeyCustody custody, TimeStamps timeStamps,
            AdesSigning adesSigning, Outbox outbox, OutboxRelay relay, AuditTrail audit,
            Instance<TransactionEndListener> endListeners, Clock clock) {
        this.adesSigning = adesSigning;
        this.transactions = transactions;
        this.items = items;
        this.documents = documents;
        this.custody = custody;
        this.timeStamps = timeStamps;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.endListeners = endListeners.stream().toList();
        this.clock = clock;
    }

    /** What happened inside a database transaction; problems are raised after the commit, so counters stick. */
    record Decision(LoadedTransaction loaded, PinCheck check, ProblemException problem) {

        static Decision ok(LoadedTransaction loaded) {
            return new Decision(loaded, PinCheck.of(PinCheck.Outcome.OK), null);
        }
    }

    /** The locked transaction if it is still pending; an overdue one is expired on the spot. */
    Uni<Decision> lockPending(UUID accountId, UUID id) {
        return transactions.lockOwned(id, accountId).chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(TransactionQueries.notFound());
            }
            return items.of(id).chain(list -> {
                LoadedTransaction loaded = new LoadedTransaction(tx, list);
                if (tx.status != TransactionStatus.PENDING) {
                    return Uni.createFrom().item(new Decision(loaded, null, new ProblemException(
                            SigningError.TRANSACTION_NOT_PENDING, "The transaction is " + tx.status)));
                }
                if (!clock.instant().isBefore(tx.expiresAt)) {
                    return expire(tx).replaceWith(new Decision(loaded, null, new ProblemException(
                            SigningError.TRANSACTION_EXPIRED, "The transaction expired at " + tx.expiresAt)));
                }
                return Uni.createFrom().item(new Decision(loaded, null, null));
            });
        });
    }

    /** After the commit: events and adapters' effects leave, then the decision's problem, if any, is raised. */
    LoadedTransaction raise(Decision decision) {
        committed();
        if (decision.problem() != null) {
            throw decision.problem();
        }
        decision.check().throwUnlessOk();
        return decision.loaded();
    }

    /** After a commit that ended transactions. */
    void committed() {
        relay.wake();
        endListeners.forEach(TransactionEndListener::committed);
    }

    /** Signs every item with the credential's key, opened with {@code binding}, and ends the transaction SIGNED. */
    Uni<Void> sign(LoadedTransaction loaded, Credential credential, byte[] binding) {
        return sign(loaded, credential, binding, null);
    }

    /**
     * As {@link #sign(LoadedTransaction, Credential, byte[])}, the items signed by {@code itemSigning} when the
     * requester asked for more than the signature of each approved digest (an AdES document around it).
     */
    Uni<Void> sign(LoadedTransaction loaded, Credential credential, byte[] binding, ItemSigning itemSigning) {
        SigningTransaction tx = loaded.transaction();
        List<UUID> pdfItems = loaded.items().stream().filter(i -> i.type == ItemType.PDF).map(i -> i.id).toList();
        Uni<List<TransactionDocument>> pdfs = pdfItems.isEmpty() ? Uni.createFrom().item(List.of())
                : documents.list("itemId in ?1", pdfItems);
        return pdfs.chain(docs -> Blocking.onWorker(() -> {
            KeySigner key = custody.open(credential.keyReference, binding);
            Instant signingTime = clock.instant();
            if (itemSigning != null) {
                itemSigning.sign(loaded.items(), key, credential, signingTime);
                return key;
            }
            for (TransactionItem item : loaded.items()) {
                if (item.type == ItemType.PDF) {
                    TransactionDocument document = docs.stream().filter(d -> d.itemId.equals(item.id)).findFirst()
                            .orElseThrow(() -> new IllegalStateException("document of item " + item.id + " missing"));
                    if (document.original == null) {
                        throw new ProblemException(SigningError.DOCUMENT_NOT_FOUND, "The document was deleted");
                    }
                    Pades.Signed signed = Pades.sign(document.original, document.appearance(),
                            adesSigning.signer(key, credential, tx.description, "Kyso"), signingTime, timeStamps);
                    document.signed = signed.pdf();
                    item.signature = signed.cms();
                    item.signatureLevel = signed.level();
                } else {
                    item.signature = DigestSigning.sign(key, credential.keyAlgorithm, item.hashAlgorithm, item.digest);
                    if (tx.timeStampSignatures) {
                        // What a CAdES signature-time-stamp covers: the signature value. Without an answer from the
                        // TSA the signature is still delivered, its token empty: the signature is never lost to it.
                        item.signatureTimeStamp = timeStamps.tokenForImprint(SHA256_OID, Digests.sha256(
                                item.signature)).orElse(null);
                    }
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
                    .call(() -> ended(tx, loaded.items()))
                    .replaceWithVoid();
        });
    }

    /** The subscriber said no. */
    Uni<Void> reject(SigningTransaction tx) {
        Instant now = clock.instant();
        tx.status = TransactionStatus.REJECTED;
        tx.completedAt = now;
        return outbox.append(EventTypes.SIGNATURE_REJECTED, tx.id, new SignatureRejected(tx.id, tx.accountId,
                        tx.credentialId, now, tx.requesterType, tx.requesterId))
                .call(() -> audit.record("SignatureRejected", tx.id, tx.accountId, Map.of()))
                .call(() -> ended(tx, List.of()))
                .replaceWithVoid();
    }

    /** Nobody answered in time (or an authorisation was not used in time). */
    Uni<Void> expire(SigningTransaction tx) {
        Instant now = clock.instant();
        tx.authorizedBindingSealed = null;
        tx.status = TransactionStatus.EXPIRED;
        tx.completedAt = now;
        return outbox.append(EventTypes.SIGNATURE_EXPIRED, tx.id, new SignatureExpired(tx.id, tx.accountId,
                        tx.credentialId, now, tx.requesterType, tx.requesterId))
                .call(() -> audit.record("SignatureExpired", tx.id, tx.accountId, Map.of()))
                .call(() -> ended(tx, List.of()))
                .replaceWithVoid();
    }

    private Uni<Void> ended(SigningTransaction tx, List<TransactionItem> signed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TransactionEndListener listener : endListeners) {
            chain = chain.chain(() -> listener.ended(tx, signed));
        }
        return chain;
    }
}
