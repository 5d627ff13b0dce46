package vn.kyso.commons.work;

/** The service refuses work it could not finish in time (its queue for that work is full); the client should retry. */
public class ServiceBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceBusyException() {
        super("busy", null, false, false);
    }
}
