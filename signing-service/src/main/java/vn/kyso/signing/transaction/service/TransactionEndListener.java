package vn.kyso.signing.transaction.service;

import java.util.List;

import io.smallrye.mutiny.Uni;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionItem;

/**
 * Told that a signing transaction ended (signed, rejected, expired) inside the database transaction that ended it, so
 * an adapter's own effect (an integrator's webhook) commits with the outcome or not at all; the core knows no adapter.
 */
public interface TransactionEndListener {

    /** Inside the ending transaction; {@code items} are empty unless it was signed. */
    Uni<Void> ended(SigningTransaction tx, List<TransactionItem> items);

    /** After a commit that ended transactions: send what {@link #ended} queued. */
    default void committed() {
    }
}
