package vn.kyso.signing.transaction.service;

import java.util.List;

import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionItem;

/** A transaction with its items, as the services and adapters above see it. */
public record LoadedTransaction(SigningTransaction transaction, List<TransactionItem> items) {
}
