package vn.kyso.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.notification.crypto.WebPush;
import vn.kyso.notification.model.Recipient;
import vn.kyso.notification.repository.PushSubscriptionRepository;

/** Notices by Web Push: one queued push per browser the subscriber allowed notifications in. */
@ApplicationScoped
public class PushNoticeChannel implements NoticeChannel {

    /** How long a push service keeps a notice that has no deadline for a browser that is offline. */
    static final Duration KEPT = Duration.ofDays(4);
    /** A push message must fit one 4 KiB record with its header; the request's own text is cut to this. */
    private static final int MAX_TEXT = 300;

    private final DeliveryQueue deliveries;
    private final PushSubscriptionRepository subscriptions;
    private final PushDispatcher dispatcher;
    private final WebPush webPush;
    private final Clock clock;

    public PushNoticeChannel(DeliveryQueue deliveries, PushSubscriptionRepository subscriptions,
            PushDispatcher dispatcher, WebPush webPush, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.webPush = webPush;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public Uni<Void> enqueue(Notice notice, Recipient recipient) {
        if (webPush.publicKey().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        long ttl = notice.expiresAt() == null ? KEPT.toSeconds()
                : Duration.between(now, notice.expiresAt()).toSeconds();
        if (ttl <= 0) {
            return Uni.createFrom().voidItem(); // already past its deadline: a push would only mislead
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("kind", notice.kind().name());
        message.put("title", notice.title().vi());
        message.put("body", cut(notice.body().vi()));
        message.put("titleEn", notice.title().en());
        message.put("bodyEn", cut(notice.body().en()));
        message.put("url", notice.path());
        message.put("tag", notice.reference());
        DeliveryQueue.Urgency urgency = notice.kind().urgency();
        boolean urgent = urgency == DeliveryQueue.Urgency.URGENT;
        return subscriptions.ofAccount(recipient.accountId).onItem().transformToMulti(list -> Multi.createFrom()
                        .iterable(list))
                .onItem().transformToUniAndConcatenate(s -> deliveries.enqueue(PushDispatcher.CHANNEL,
                        notice.reference() + ":" + s.id, s.endpoint,
                        dispatcher.payload(s.id, (int) Math.min(ttl, Integer.MAX_VALUE), urgent, message), urgency))
                .collect().last().replaceWithVoid();
    }

    @Override
    public void wake() {
        dispatcher.wake();
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
