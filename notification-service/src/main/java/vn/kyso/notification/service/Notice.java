package vn.kyso.notification.service;

import java.time.Instant;
import java.util.Map;

/**
 * One notice to one subscriber, ready for any channel: the mail template's parameters and the short text a push shows.
 *
 * @param reference what makes the notice unique (the event id): a channel sends it at most once per recipient
 * @param params the mail template's parameters (the recipient's name and identifier are added by the mail channel)
 * @param title the push's title, Vietnamese then English
 * @param body the push's text, Vietnamese then English
 * @param path where tapping the push opens the portal
 * @param expiresAt after this the notice is pointless (a request's deadline); null for none
 */
public record Notice(NotificationKind kind, String reference, Map<String, Object> params, Text title, Text body,
        String path, Instant expiresAt) {

    /** A text in both languages. */
    public record Text(String vi, String en) {
    }
}
