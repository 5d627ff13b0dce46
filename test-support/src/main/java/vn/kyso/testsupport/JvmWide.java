package vn.kyso.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs a test resource's static method in the resource's copy in the system class loader, so what it starts is made once
 * per test JVM.
 */
// Quarkus loads test resources anew for every application it starts in a test JVM, and a module's test classes start
// several (one per set of resources and profile): a static field of a resource lives one application long, so each
// start would make another Kafka broker, PostgreSQL cluster and RSA key pair and leave the earlier ones running. The
// system class loader's copy of a class lives as long as the JVM; only JDK types may cross between the copies.
final class JvmWide {

    private JvmWide() {
    }

    /** The result of {@code owner.method(args)} as run by the system class loader's copy of {@code owner}. */
    @SuppressWarnings("unchecked")
    static <T> T call(Class<?> owner, String method, Object... args) {
        Class<?>[] types = Arrays.stream(args).map(Object::getClass).toArray(Class<?>[]::new);
        ClassLoader system = ClassLoader.getSystemClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        // Kafka and Log4j find classes by name through the context class loader: it must be the copy's, and the
        // threads they start inherit it.
        thread.setContextClassLoader(system);
        try {
            Class<?> shared = Class.forName(owner.getName(), true, system);
            Method target = shared.getDeclaredMethod(method, types);
            target.setAccessible(true);
            return (T) target.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the test JVM's copy of " + owner.getName(), e);
        } finally {
            thread.setContextClassLoader(caller);
        }
    }
}
