package vn.kyso.signing.transaction.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.repository.TransactionRepository;

/** Ends overdue transactions; replicas share the work through row locks (skip locked), each expires once. */
@ApplicationScoped
public class Expiry {

    private static final Logger LOG = Logger.getLogger(Expiry.class);

    private final TransactionRepository transactions;
    private final Outcomes outcomes;
    private final Clock clock;

    public Expiry(TransactionRepository transactions, Outcomes outcomes, Clock clock) {
        this.transactions = transactions;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Scheduled(every = "${kyso.signing.expiry-sweep:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expireOverdue() {
        return Panache.withTransaction(() -> transactions.overdue(clock.instant(), 100).chain(overdue -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SigningTransaction tx : overdue) {
                chain = chain.chain(() -> outcomes.expire(tx));
            }
            return chain.replaceWith(overdue.size());
        })).invoke(n -> {
            if (n > 0) {
                outcomes.committed();
                LOG.infof("expired %d signing transaction(s)", n);
            }
        }).onFailure().invoke(e -> LOG.warnf("expiry sweep failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
