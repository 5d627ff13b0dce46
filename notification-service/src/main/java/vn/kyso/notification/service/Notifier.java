package vn.kyso.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import vn.kyso.notification.model.NotificationPreference;
import vn.kyso.notification.repository.PreferenceRepository;
import vn.kyso.notification.repository.RecipientRepository;

/**
 * Sends a notice to a subscriber by the channels chosen for its kind, inside the consumer's transaction: every channel
 * queues its delivery there, so a notice is queued once per event on each channel or not at all.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    /** How long a notice waits for its account's creation to be read from the other topic. */
    static final Duration WAIT_FOR_ACCOUNT = Duration.ofMinutes(2);

    private final RecipientRepository recipients;
    private final PreferenceRepository preferences;
    private final List<NoticeChannel> channels;
    private final Clock clock;

    public Notifier(RecipientRepository recipients, PreferenceRepository preferences, Instance<NoticeChannel> channels,
            Clock clock) {
        this.recipients = recipients;
        this.preferences = preferences;
        this.channels = channels.stream().toList();
        this.clock = clock;
    }

    /**
     * Queues the notice. The account's {@code AccountCreated} comes on another topic and may not have been read yet:
     * a notice for an unknown account fails (the consumer retries) while its event is young, so none is lost to that
     * race; an account still unknown after that (created before this service kept recipients) gets none.
     *
     * @param eventTime when the event was published (the Kafka record's timestamp)
     */
    public Uni<Void> notify(UUID accountId, Notice notice, Instant eventTime) {
        return send(accountId, notice, eventTime);
    }

    /** Queues the notice if the account is known, with no waiting (a sweep's own notices). */
    public Uni<Void> notifyIfKnown(UUID accountId, Notice notice) {
        return send(accountId, notice, null);
    }

    private Uni<Void> send(UUID accountId, Notice notice, Instant eventTime) {
        if (accountId == null) {
            return Uni.createFrom().voidItem();
        }
        if (notice.expiresAt() != null && !notice.expiresAt().isAfter(clock.instant())) {
            // What it announces is already over (a request that expired, read late from a replay of old events):
            // "waiting for you until …" about the past misleads and floods the queue ahead of live mail.
            LOG.debugf("notice %s for account %s is over: not sent", notice.kind(), accountId);
            return Uni.createFrom().voidItem();
        }
        return recipients.findById(accountId).chain(recipient -> {
            if (recipient == null) {
                if (eventTime != null && eventTime.plus(WAIT_FOR_ACCOUNT).isAfter(clock.instant())) {
                    throw new IllegalStateException("account " + accountId + " not known yet; notice waits");
                }
                LOG.warnf("no recipient for account %s: notice %s not sent", accountId, notice.kind());
                return Uni.createFrom().voidItem();
            }
            return preferences.findById(new NotificationPreference.Key(accountId, notice.kind().name()))
                    .chain(chosen -> {
                        Set<Channel> use = notice.kind().channels(chosen == null ? null : chosen(chosen));
                        return Multi.createFrom().iterable(channels)
                                .filter(c -> use.contains(c.channel()))
                                .onItem().transformToUniAndConcatenate(c -> c.enqueue(notice, recipient))
                                .collect().last().replaceWithVoid();
                    });
        });
    }

    /** Starts every channel's senders; called once the consumer's transaction committed. */
    public void wake() {
        channels.forEach(NoticeChannel::wake);
    }

    static Set<Channel> chosen(NotificationPreference p) {
        Set<Channel> set = EnumSet.noneOf(Channel.class);
        if (p.push) {
            set.add(Channel.PUSH);
        }
        if (p.mail) {
            set.add(Channel.MAIL);
        }
        return set;
    }
}
