package vn.kyso.sdk;

/** Kyso refused or could not complete a request; the message is Kyso's answer, in words. */
public class KysoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KysoException(String message) {
        super(message);
    }

    public KysoException(String message, Throwable cause) {
        super(message, cause);
    }
}
