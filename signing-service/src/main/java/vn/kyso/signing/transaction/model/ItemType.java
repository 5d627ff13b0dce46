package vn.kyso.signing.transaction.model;

/** What a transaction item carries: a caller-computed digest or the whole document. */
public enum ItemType {
    HASH,
    PDF
}
