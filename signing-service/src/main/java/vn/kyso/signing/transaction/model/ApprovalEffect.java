package vn.kyso.signing.transaction.model;

/** What the subscriber's approval does: sign the items at once, or authorise a later signing call (CSC's SAD). */
public enum ApprovalEffect {
    SIGN,
    AUTHORIZE
}
