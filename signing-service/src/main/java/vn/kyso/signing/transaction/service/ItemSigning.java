package vn.kyso.signing.transaction.service;

import java.time.Instant;
import java.util.List;

import vn.kyso.commons.crypto.custody.KeySigner;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.transaction.model.TransactionItem;

/**
 * What an approved transaction's items become, decided by the requester's protocol: an AdES document around each
 * approved digest, for instance. Runs off the event loop with the key open; it must not keep the key.
 */
@FunctionalInterface
public interface ItemSigning {

    void sign(List<TransactionItem> items, KeySigner key, Credential credential, Instant signingTime);
}
