package vn.kyso.commons.work;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import org.jboss.logging.Logger;

/**
 * Lowers the calling thread's CPU scheduling priority (its Linux nice value), so long CPU-bound work yields the
 * processor to short work — consumers, mail senders, answers — whenever both want it.
 */
final class BackgroundPriority {

    private static final Logger LOG = Logger.getLogger(BackgroundPriority.class);

    /**
     * Ten steps of nice weigh about a tenth in Linux's scheduler: on an idle machine the work runs at full speed, on a
     * saturated one it takes what the short work leaves.
     */
    static final int NICE = 10;
    private static final int LOWEST = 19;

    private static final int PRIO_PROCESS = 0;
    private static final MethodHandle SETPRIORITY;
    private static final MethodHandle GETPRIORITY;
    private static final MethodHandle GETTID;

    static {
        MethodHandle setpriority = null;
        MethodHandle getpriority = null;
        MethodHandle gettid = null;
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                setpriority = linker.downcallHandle(libc.find("setpriority").orElseThrow(), FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                getpriority = linker.downcallHandle(libc.find("getpriority").orElseThrow(), FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                gettid = linker.downcallHandle(libc.find("gettid").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT));
            } catch (RuntimeException | LinkageError e) {
                LOG.debugf("thread priorities unavailable (%s): background work runs at normal priority", e);
                setpriority = null;
                getpriority = null;
                gettid = null;
            }
        }
        SETPRIORITY = setpriority;
        GETPRIORITY = getpriority;
        GETTID = gettid;
    }

    private BackgroundPriority() {
    }

    /**
     * Lowers the calling thread's priority by {@link #NICE} steps for the rest of its life (an unprivileged thread
     * cannot raise it back, so call it only on threads that do nothing else). Elsewhere than Linux it does nothing.
     */
    static void lowerCurrentThread() {
        if (SETPRIORITY == null) {
            return;
        }
        try {
            // On Linux a nice value belongs to a thread; with PRIO_PROCESS a thread id names that thread alone.
            int tid = (int) GETTID.invokeExact();
            int now = (int) GETPRIORITY.invokeExact(PRIO_PROCESS, tid);
            if ((int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, Math.min(LOWEST, now + NICE)) != 0) {
                LOG.debug("thread priority not lowered: setpriority refused");
            }
        } catch (Throwable e) {
            LOG.debugf("thread priority not lowered: %s", e);
        }
    }
}
