package vn.kyso.signing.credential.model;

/** Where a lost-device recovery stands; REQUESTED and APPROVED are open, the others final. */
public enum RecoveryStatus {
    /** Asked by the subscriber; an operator has not verified who asks yet. */
    REQUESTED,
    /** Approved: the code was mailed and the old device approves nothing any more. */
    APPROVED,
    /** A new device, PIN and key pair are bound; the old certificate was revoked. */
    COMPLETED,
    /** An operator refused it. */
    DECLINED,
    /** Too many wrong codes, or the code expired: the subscriber asks again. */
    FAILED
}
