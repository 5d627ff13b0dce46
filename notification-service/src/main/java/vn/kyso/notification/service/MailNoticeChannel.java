package vn.kyso.notification.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import vn.kyso.notification.config.NotificationConfig;
import vn.kyso.notification.model.Recipient;

/** Notices by mail: the kind's bilingual template, to the address the account was created with. */
@ApplicationScoped
public class MailNoticeChannel implements NoticeChannel {

    private final MailQueue mail;
    private final MailDispatcher dispatcher;
    private final NotificationConfig config;

    public MailNoticeChannel(MailQueue mail, MailDispatcher dispatcher, NotificationConfig config) {
        this.mail = mail;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    @Override
    public Channel channel() {
        return Channel.MAIL;
    }

    @Override
    public Uni<Void> enqueue(Notice notice, Recipient recipient) {
        Map<String, Object> params = new LinkedHashMap<>(notice.params());
        params.put("fullName", recipient.fullName);
        params.put("identifier", recipient.identifier);
        params.put("portalUrl", config.portalUrl());
        return mail.enqueue(notice.reference(), notice.kind().mailTemplate(), recipient.email, params,
                notice.kind().urgency());
    }

    @Override
    public void wake() {
        dispatcher.wake();
    }
}
