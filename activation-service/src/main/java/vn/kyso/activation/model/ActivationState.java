package vn.kyso.activation.model;

/** The activation wizard's steps, in order; only forward transitions exist. */
public enum ActivationState {
    CODE_SENT,
    PASSWORD_SET,
    PIN_SET,
    KEY_ACTIVE,
    CERT_ISSUED,
    ACCEPTANCE_SIGNED
}
