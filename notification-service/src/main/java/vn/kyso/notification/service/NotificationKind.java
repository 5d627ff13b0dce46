package vn.kyso.notification.service;

import java.util.EnumSet;
import java.util.Set;

import vn.kyso.commons.delivery.DeliveryQueue.Urgency;

/**
 * The notices a subscriber receives, each with the channels it goes by unless the subscriber chose others; a security
 * notice always goes by mail, whatever was chosen, so a change the subscriber did not make cannot go unseen.
 */
public enum NotificationKind {
    SIGNATURE_REQUESTED(false, MailTemplateKind.SIGNATURE_REQUESTED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    CERTIFICATE_ISSUED(false, MailTemplateKind.CERTIFICATE_ISSUED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    CERTIFICATE_RENEWED(false, MailTemplateKind.CERTIFICATE_RENEWED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    CERTIFICATE_EXPIRING(false, MailTemplateKind.CERTIFICATE_EXPIRING, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    CERTIFICATE_SUSPENDED(true, MailTemplateKind.CERTIFICATE_SUSPENDED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    CERTIFICATE_RESUMED(true, MailTemplateKind.CERTIFICATE_RESUMED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    CERTIFICATE_REVOKED(true, MailTemplateKind.CERTIFICATE_REVOKED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    DELEGATION_ENDED(true, MailTemplateKind.DELEGATION_ENDED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    PIN_CHANGED(true, MailTemplateKind.PIN_CHANGED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    PIN_LOCKED(true, MailTemplateKind.PIN_LOCKED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    RECOVERY_REQUESTED(true, MailTemplateKind.RECOVERY_REQUESTED, EnumSet.of(Channel.PUSH, Channel.MAIL)),
    DEVICE_BOUND(true, MailTemplateKind.DEVICE_BOUND, EnumSet.of(Channel.PUSH, Channel.MAIL));

    private final boolean security;
    private final MailTemplateKind mail;
    private final Set<Channel> defaults;

    NotificationKind(boolean security, MailTemplateKind mail, Set<Channel> defaults) {
        this.security = security;
        this.mail = mail;
        this.defaults = defaults;
    }

    /** A security notice: mail cannot be switched off. */
    public boolean security() {
        return security;
    }

    /** Urgent, sent before routine deliveries: a request someone waits on, or a security notice to see now. */
    public Urgency urgency() {
        return this == SIGNATURE_REQUESTED || security ? Urgency.URGENT : Urgency.ROUTINE;
    }

    public MailTemplateKind mailTemplate() {
        return mail;
    }

    /** The channels used until the subscriber chooses. */
    public Set<Channel> defaults() {
        return EnumSet.copyOf(defaults);
    }

    /** The channels a notice goes by, given a choice (null: none made): mail added back for a security notice. */
    public Set<Channel> channels(Set<Channel> chosen) {
        Set<Channel> channels = chosen == null ? defaults() : chosen.isEmpty()
                ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(chosen);
        if (security) {
            channels.add(Channel.MAIL);
        }
        return channels;
    }
}
