package vn.kyso.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.internal.SessionFactoryImpl;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import vn.kyso.commons.audit.AuditLog;
import vn.kyso.commons.inbox.ProcessedEventRepository;
import vn.kyso.commons.outbox.OutboxRepository;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/**
 * The native selects every service runs on a timer or per request (relay lock, audit head, inbox check) find their
 * cached query plan again instead of adding one per call: Hibernate's plan cache filled up with one-use plans before.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@WithTestResource(JwtKeysTestResource.class)
class QueryPlanCacheTest {

    private static final int ROUNDS = 40;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    OutboxRepository outbox;

    @Inject
    AuditLog audit;

    @Inject
    ProcessedEventRepository processed;

    @Test
    void repeatedNativeSelectsReuseOnePlanEach() throws Throwable {
        round(0);
        int before = cachedPlans();
        for (int i = 1; i <= ROUNDS; i++) {
            round(i);
        }
        int added = cachedPlans() - before;
        // Each round runs three native selects; with one-use plans the cache grew by 3 per round (120 here). The
        // slack is for the service's own first-time queries that may run meanwhile (the relay, the CRL timer).
        assertTrue(added < 10, "the query plan cache grew by " + added + " over " + ROUNDS + " rounds");
    }

    @Test
    void theNamedMappingsReadWhatTheUnnamedOnesDid() throws Throwable {
        Boolean locked = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(outbox::tryRelayLock));
        assertEquals(Boolean.TRUE, locked);
        Boolean seen = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> processed.isProcessed("query-plan-probe", "never-delivered")));
        assertEquals(Boolean.FALSE, seen);
    }

    private void round(int i) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.tryRelayLock()
                .chain(() -> audit.append("QueryPlanProbed", "query-plan-probe", null, Map.of("round", i)))
                .chain(() -> processed.isProcessed("query-plan-probe", "event-" + i))));
    }

    /** Hibernate keeps the count on the session factory behind the reactive one. */
    private int cachedPlans() throws ReflectiveOperationException {
        Object factory = ClientProxy.unwrap(sessions);
        Field delegate = factory.getClass().getDeclaredField("delegate");
        delegate.setAccessible(true);
        return ((SessionFactoryImpl) delegate.get(factory)).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
