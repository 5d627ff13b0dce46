package vn.kyso.account.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.account.crypto.PasswordHasher;
import vn.kyso.account.model.Account;
import vn.kyso.account.model.AccountStatus;
import vn.kyso.account.repository.AccountRepository;
import vn.kyso.account.rest.CreateAccountRequest;
import vn.kyso.commons.audit.AuditLog;
import vn.kyso.commons.db.Constraints;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.FieldError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.PasswordPolicy;
import vn.kyso.commons.work.Blocking;
import vn.kyso.events.EventTypes;
import vn.kyso.events.MalformedEventException;
import vn.kyso.events.account.AccountActivated;
import vn.kyso.events.account.AccountCreated;

/** Creates subscriber accounts, moves them through their lifecycle and announces every change. */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final PasswordHasher hasher;
    private final AuthService auth;

    public AccountService(AccountRepository accounts, Outbox outbox, OutboxRelay relay, PasswordHasher hasher,
            AuthService auth, AuditLog audit) {
        this.audit = audit;
        this.accounts = accounts;
        this.outbox = outbox;
        this.relay = relay;
        this.hasher = hasher;
        this.auth = auth;
    }

    /**
     * Validates, persists the account and its {@code AccountCreated} event in one transaction; invalid input
     * changes nothing.
     */
    public Uni<Account> create(CreateAccountRequest request, String createdBy) {
        NewAccount valid = AccountRules.validate(request);
        return Panache.withTransaction(() -> accounts.identifierTaken(valid.identifier()).chain(taken -> {
            if (taken) {
                return Uni.createFrom().failure(identifierTaken(valid.identifier()));
            }
            Account account = toEntity(valid, createdBy);
            return accounts.persist(account)
                    .call(a -> outbox.append(EventTypes.ACCOUNT_CREATED, a.id, toEvent(a)));
        }))
                // Two operators creating the same identifier at once: the unique key decides, the loser gets 409.
                .onFailure(Constraints::isUniqueViolation).transform(e -> identifierTaken(valid.identifier()))
                // Only after commit: the relay then sees the row immediately instead of at its next poll.
                .invoke(relay::wake);
    }

    @WithSession
    public Uni<Account> get(UUID id) {
        return accounts.findById(id).onItem().ifNull()
                .failWith(() -> new ProblemException(AccountError.ACCOUNT_NOT_FOUND, "No account " + id));
    }

    /**
     * Sets a subscriber's password (activation step 1, on activation-service's request) and answers a subscriber token
     * so the app continues without a second login. The password is checked against the rule here too.
     */
    public Uni<AuthService.IssuedToken> setPassword(UUID accountId, String password) {
        return Panache.withSession(() -> accounts.findById(accountId))
                .onItem().ifNull().failWith(() -> new ProblemException(AccountError.ACCOUNT_NOT_FOUND,
                        "No account " + accountId))
                .chain(account -> {
                    // Activation sets the first password; afterwards only the subscriber changes it, knowing it.
                    if (account.status != AccountStatus.UNACTIVATED) {
                        throw new ProblemException(AccountError.ACCOUNT_ALREADY_ACTIVE,
                                "The account is activated; its password is no longer set through activation");
                    }
                    PasswordPolicy.violation(password, account.identifier).ifPresent(reason -> {
                        throw new ProblemException(AccountError.PASSWORD_REJECTED, "Password " + reason,
                                List.of(new FieldError("password", reason)));
                    });
                    return Blocking.memoryHard(() -> hasher.hash(password))
                            .chain(hash -> Panache.withTransaction(() -> accounts.update(
                                    "passwordHash = ?1, passwordSetAt = ?2 "
                                            + "where id = ?3 and status = ?4", hash, Instant.now(), accountId,
                                    AccountStatus.UNACTIVATED)
                                    .call(updated -> updated == 1 ? audit.append("PasswordSet", accountId.toString(),
                                            "service:activation-service", Map.of("step", "activation"))
                                            : Uni.createFrom().voidItem())))
                            .chain(updated -> updated == 1 ? auth.subscriberSession(account)
                                    : Uni.createFrom().failure(new ProblemException(AccountError.ACCOUNT_ALREADY_ACTIVE,
                                            "The account is activated; its password is no longer set through activation")));
                });
    }

    /**
     * The activation wizard finished: the account becomes {@code ACTIVE} and says so, in the consumer's transaction.
     * A repeated completion changes nothing; a status that cannot become active is left alone and logged.
     */
    public Uni<Void> activate(UUID accountId) {
        return accounts.findById(accountId).chain(account -> {
            if (account == null) {
                throw new MalformedEventException("ActivationCompleted for unknown account " + accountId);
            }
            if (account.status == AccountStatus.ACTIVE) {
                return Uni.createFrom().voidItem();
            }
            if (!account.status.canBecome(AccountStatus.ACTIVE)) {
                LOG.warnf("Account %s is %s and cannot become ACTIVE; activation completion ignored", accountId,
                        account.status);
                return Uni.createFrom().voidItem();
            }
            account.status = AccountStatus.ACTIVE;
            return outbox.append(EventTypes.ACCOUNT_ACTIVATED, account.id,
                    new AccountActivated(account.id, account.identifier, Instant.now())).replaceWithVoid();
        });
    }

    @WithSession
    public Uni<List<Account>> findByIdentifier(String identifier) {
        return accounts.list("identifier", identifier.toUpperCase(java.util.Locale.ROOT));
    }

    private static ProblemException identifierTaken(String identifier) {
        return new ProblemException(AccountError.IDENTIFIER_TAKEN,
                "An account with identifier " + identifier + " already exists");
    }

    private static Account toEntity(NewAccount valid, String createdBy) {
        Account a = new Account();
        a.id = UUID.randomUUID();
        a.identifier = valid.identifier();
        a.idType = valid.idType();
        a.fullName = valid.fullName();
        a.email = valid.email();
        a.phone = valid.phone();
        a.province = valid.province();
        a.locality = valid.locality();
        a.status = AccountStatus.UNACTIVATED;
        a.createdBy = createdBy;
        a.createdAt = Instant.now();
        return a;
    }

    private static AccountCreated toEvent(Account a) {
        return new AccountCreated(a.id, a.identifier, a.idType.name(), a.fullName, a.email, a.phone, a.province,
                a.locality, a.status.name(), a.createdAt);
    }
}
