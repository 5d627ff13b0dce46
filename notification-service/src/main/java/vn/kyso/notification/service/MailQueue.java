package vn.kyso.notification.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import vn.kyso.events.MalformedEventException;
import vn.kyso.commons.crypto.SecretSealing;
import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.commons.delivery.DeliveryQueue.Urgency;
import vn.kyso.events.account.AccountActivated;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.notification.ActivationEmailRequested;
import vn.kyso.events.notification.RecoveryCodeEmailRequested;
import vn.kyso.notification.config.NotificationConfig;
import vn.kyso.notification.model.Recipient;
import vn.kyso.notification.repository.RecipientRepository;

/** Turns events into queued deliveries, inside the consumer's transaction. */
@ApplicationScoped
public class MailQueue {

    private final DeliveryQueue deliveries;
    private final RecipientRepository recipients;
    private final MailComposer composer;
    private final NotificationConfig config;
    private final SecretOpener opener;

    public MailQueue(DeliveryQueue deliveries, RecipientRepository recipients, MailComposer composer,
            NotificationConfig config, SecretOpener opener) {
        this.deliveries = deliveries;
        this.recipients = recipients;
        this.composer = composer;
        this.config = config;
        this.opener = opener;
    }

    public Uni<Void> enqueueWelcome(String eventId, AccountCreated account) {
        if (account.email() == null || account.identifier() == null || account.fullName() == null) {
            throw new MalformedEventException("AccountCreated " + eventId + " lacks email, identifier or name");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fullName", account.fullName());
        params.put("identifier", account.identifier());
        params.put("idType", account.idType());
        params.put("portalUrl", config.portalUrl());
        return rememberRecipient(account).chain(() -> enqueue(eventId, MailTemplateKind.WELCOME, account.email(),
                params, Urgency.ROUTINE));
    }

    private Uni<Void> rememberRecipient(AccountCreated account) {
        return recipients.findById(account.accountId()).chain(known -> {
            if (known != null) {
                return Uni.createFrom().voidItem();
            }
            Recipient r = new Recipient();
            r.accountId = account.accountId();
            r.email = account.email();
            r.fullName = account.fullName();
            r.identifier = account.identifier();
            r.createdAt = Instant.now();
            return recipients.persist(r).replaceWithVoid();
        });
    }

    /** "Your account is active", sent with the signed acceptance record attached (fetched when the mail is sent). */
    public Uni<Void> enqueueActivated(String eventId, AccountActivated activated) {
        if (activated.accountId() == null || activated.activatedAt() == null) {
            throw new MalformedEventException("AccountActivated " + eventId + " lacks the account or the time");
        }
        return recipients.findById(activated.accountId()).chain(r -> {
            if (r == null) {
                throw new MalformedEventException("AccountActivated " + eventId + " for an account never created");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("fullName", r.fullName);
            params.put("identifier", r.identifier);
            params.put("accountId", r.accountId.toString());
            params.put("activatedAt", activated.activatedAt().toString());
            params.put("portalUrl", config.portalUrl());
            return enqueue(eventId, MailTemplateKind.ACCOUNT_ACTIVATED, r.email, params, Urgency.ROUTINE);
        });
    }

    /**
     * Queues the activation-code email. The code stays sealed in the stored parameters; it is opened here once only to
     * refuse a command that could never be rendered (wrong key, altered, replayed for another activation).
     */
    public Uni<Void> enqueueActivationCode(String eventId, ActivationEmailRequested command) {
        if (command.email() == null || command.identifier() == null || command.activationId() == null
                || command.sealedCode() == null || command.expiresAt() == null) {
            throw new MalformedEventException("ActivationEmailRequested " + eventId + " lacks a required field");
        }
        try {
            opener.activationCode(command.sealedCode(), command.activationId());
        } catch (SecretSealing.SealingException e) {
            throw new MalformedEventException("ActivationEmailRequested " + eventId + ": " + e.getMessage());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fullName", command.fullName() == null ? "" : command.fullName());
        params.put("identifier", command.identifier());
        params.put("activationId", command.activationId().toString());
        params.put("sealedCode", command.sealedCode());
        params.put("expiresAt", command.expiresAt().toString());
        params.put("portalUrl", config.portalUrl());
        return enqueue(eventId, MailTemplateKind.ACTIVATION_CODE, command.email(), params, Urgency.URGENT);
    }

    /**
     * Queues the recovery-code email to the account's own address (never one the command names). Like the activation
     * code, the code stays sealed in the stored parameters and is opened here only to refuse a command that could never
     * be rendered.
     */
    public Uni<Void> enqueueRecoveryCode(String eventId, RecoveryCodeEmailRequested command, Instant sentAt) {
        if (command.recoveryId() == null || command.accountId() == null || command.sealedCode() == null
                || command.expiresAt() == null) {
            throw new MalformedEventException("RecoveryCodeEmailRequested " + eventId + " lacks a required field");
        }
        try {
            opener.recoveryCode(command.sealedCode(), command.recoveryId());
        } catch (SecretSealing.SealingException e) {
            throw new MalformedEventException("RecoveryCodeEmailRequested " + eventId + ": " + e.getMessage());
        }
        return recipients.findById(command.accountId()).chain(r -> {
            if (r == null) {
                // The account's own topic may simply be read later than this one: wait a while, as notices do.
                if (sentAt.plus(Notifier.WAIT_FOR_ACCOUNT).isAfter(Instant.now())) {
                    throw new IllegalStateException("account " + command.accountId() + " not known yet; mail waits");
                }
                throw new MalformedEventException("RecoveryCodeEmailRequested " + eventId + " for an unknown account");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("fullName", r.fullName);
            params.put("identifier", r.identifier);
            params.put("recoveryId", command.recoveryId().toString());
            params.put("sealedCode", command.sealedCode());
            params.put("expiresAt", command.expiresAt().toString());
            params.put("portalUrl", config.portalUrl());
            return enqueue(eventId, MailTemplateKind.RECOVERY_CODE, r.email, params, Urgency.URGENT);
        });
    }

    Uni<Void> enqueue(String eventId, MailTemplateKind template, String recipient, Map<String, Object> params,
            Urgency urgency) {
        // One mail per event and template: the queue refuses a second with this reference.
        return deliveries.enqueue(MailDispatcher.CHANNEL, eventId + ":" + template.name(), recipient,
                composer.payload(template, params), urgency).replaceWithVoid();
    }
}
