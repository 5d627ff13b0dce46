package vn.kyso.signing.document.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import vn.kyso.signing.document.service.Documents;
import vn.kyso.signing.document.service.PdfPages;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionStatus;

/**
 * A subscriber's document as the portal shows it.
 *
 * @param status {@code DRAFT} (never sent for signing), then the latest attempt's: {@code PENDING}, {@code SIGNED},
 *        {@code REJECTED}, {@code EXPIRED} or {@code FAILED}
 * @param transactionId the latest attempt, to approve it like any request
 * @param pages each page's width and height in points, as shown (only on a single document)
 * @param fields empty signature fields the signature may go into instead (only on a single document)
 */
public record DocumentView(UUID id, String fileName, int pageCount, Instant createdAt, String status,
        UUID transactionId, Instant signedAt, List<PdfPages.Page> pages, List<PdfPages.Field> fields) {

    static DocumentView of(Documents.Shown shown, java.time.Clock clock) {
        SigningTransaction tx = shown.latest();
        String status = tx == null ? "DRAFT" : tx.status == TransactionStatus.PENDING
                && !clock.instant().isBefore(tx.expiresAt) ? "EXPIRED" : tx.status.name();
        return new DocumentView(shown.document().id, shown.document().fileName, shown.document().pageCount,
                shown.document().createdAt, status, tx == null ? null : tx.id,
                tx != null && tx.status == TransactionStatus.SIGNED ? tx.completedAt : null,
                shown.layout() == null ? null : shown.layout().pages(),
                shown.layout() == null ? null : shown.layout().fields());
    }
}
