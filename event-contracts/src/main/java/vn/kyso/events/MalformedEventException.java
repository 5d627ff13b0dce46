package vn.kyso.events;

/** An event that can never be processed, however often it is retried: it belongs in the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
