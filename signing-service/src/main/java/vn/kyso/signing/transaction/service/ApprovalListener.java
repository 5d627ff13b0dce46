package vn.kyso.signing.transaction.service;

import io.smallrye.mutiny.Uni;
import vn.kyso.signing.transaction.model.SigningTransaction;

/**
 * Told that the subscriber approved a request, inside the database transaction of the approval, so what the approval
 * also means to an adapter (an integrator now allowed) commits with it or not at all; the core knows no adapter.
 */
public interface ApprovalListener {

    Uni<Void> approved(SigningTransaction tx);
}
