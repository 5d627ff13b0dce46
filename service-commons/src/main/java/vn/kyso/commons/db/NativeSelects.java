package vn.kyso.commons.db;

import java.util.List;

/**
 * Native SQL selects that do not fill Hibernate's query plan cache with one-use plans.
 *
 * <p>Hibernate ORM 7.2 keys a native select's plan by its SQL and its result mapping, and Hibernate Reactive 3.2 wraps
 * every query's mapping in a new object without {@code equals}: each execution stored one more plan under the same
 * hash and never found it again. The outbox relay's lock query alone filled the 2,048-entry cache within an hour in
 * every service; from then on each lookup walked a tree of keys with one hash and each miss evicted. Naming a result
 * mapping does not help (the wrapper hides it). A native select with a list-valued parameter is never cached, so
 * every native select binds one parameter through {@link #uncached}: its plan, cheap for native SQL, is made per call.
 * {@code QueryPlanCacheTest} (ca-service) counts the cached plans.
 */
public final class NativeSelects {

    private NativeSelects() {
    }

    /**
     * {@code value} bound as a one-element list: Hibernate writes its marker as {@code (?)}, which PostgreSQL reads as
     * the value itself wherever a scalar is expected, and does not cache the statement's plan.
     */
    public static List<Object> uncached(Object value) {
        return List.of(value);
    }
}
