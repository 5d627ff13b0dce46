package vn.kyso.signing.transaction.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionItem;

/**
 * A transaction as the subscriber's app shows it.
 *
 * @param secondsLeft time left to approve (0 once it is over)
 * @param challenge present while pending: what the device must sign to approve or reject
 * @param firstContact the first request of an integrator the subscriber has not decided on: approving it allows that
 *        integrator, and the app offers to block it instead ({@code PUT /api/v1/integrators/{spId}/consent})
 * @param requesterId with a first contact: the integrator's id ({@code spId}), to block it with; else null
 */
public record TransactionView(UUID id, String status, String appName, String description, String fileName,
        Instant requestedAt, Instant expiresAt, long secondsLeft, int itemCount, List<Item> items, String challenge,
        Instant challengeExpiresAt, boolean firstContact, String requesterId) {

    /**
     * One document: its digest and, once signed, its signature (both base64).
     *
     * @param type {@code hash} or {@code pdf} (view it at {@code …/document?docId=})
     * @param signatureLevel for PDFs: {@code PAdES-B-B} or {@code PAdES-B-T}
     */
    public record Item(String docId, String fileName, String type, String hashAlgorithm, String digest,
            String signature, String signatureLevel) {
    }

    public static TransactionView of(SigningTransaction tx, List<TransactionItem> items, String challenge,
            Instant challengeExpiresAt, Clock clock) {
        Base64.Encoder b64 = Base64.getEncoder();
        long left = tx.status.name().equals("PENDING")
                ? Math.max(0, java.time.Duration.between(clock.instant(), tx.expiresAt).toSeconds()) : 0;
        String fileName = items.isEmpty() ? "" : items.size() == 1 ? items.get(0).fileName
                : items.get(0).fileName + " (+" + (items.size() - 1) + ")";
        return new TransactionView(tx.id, left == 0 && tx.status.name().equals("PENDING") ? "EXPIRED"
                : tx.status.name(), tx.appName, tx.description, fileName, tx.requestedAt, tx.expiresAt, left,
                items.size(), items.stream().map(i -> new Item(i.docId, i.fileName,
                        i.type.name().toLowerCase(java.util.Locale.ROOT), i.hashAlgorithm, b64.encodeToString(i.digest),
                        i.signature == null ? null : b64.encodeToString(i.signature), i.signatureLevel))
                        .toList(), challenge, challengeExpiresAt, tx.firstContact,
                tx.firstContact ? tx.requesterId : null);
    }
}
