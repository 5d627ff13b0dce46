package vn.kyso.commons.crypto.custody;

/** A key could not be generated, opened or used; the message never carries key material or the binding. */
public class CustodyException extends RuntimeException {

    private final boolean wrongBinding;

    public CustodyException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private CustodyException(String message, Throwable cause, boolean wrongBinding) {
        super(message, cause);
        this.wrongBinding = wrongBinding;
    }

    public static CustodyException wrongBinding() {
        return new CustodyException("the key cannot be opened with this binding", null, true);
    }

    /** True when the key exists but the binding (PIN-derived secret) did not open it. */
    public boolean isWrongBinding() {
        return wrongBinding;
    }
}
