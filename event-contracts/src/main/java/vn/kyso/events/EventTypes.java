package vn.kyso.events;

import java.util.List;
import java.util.Optional;

import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.activation.ActivationCodeIssued;
import vn.kyso.events.notification.ActivationEmailRequested;

/** The catalogue of every event type Kyso publishes. */
public final class EventTypes {

    public static final EventType<AccountCreated> ACCOUNT_CREATED =
            EventType.of("account", "AccountCreated", 1, Topics.ACCOUNT_EVENTS, AccountCreated.class);

    public static final EventType<ActivationCodeIssued> ACTIVATION_CODE_ISSUED =
            EventType.of("activation", "ActivationCodeIssued", 1, Topics.ACTIVATION_EVENTS, ActivationCodeIssued.class);

    /** A command to notification-service, on the topic only it may read, because it carries a sealed secret. */
    public static final EventType<ActivationEmailRequested> ACTIVATION_EMAIL_REQUESTED = EventType.of("notification",
            "ActivationEmailRequested", 1, Topics.NOTIFICATION_REQUESTS, ActivationEmailRequested.class);

    public static final List<EventType<?>> ALL = List.of(ACCOUNT_CREATED, ACTIVATION_CODE_ISSUED,
            ACTIVATION_EMAIL_REQUESTED);

    private EventTypes() {
    }

    public static Optional<EventType<?>> byType(String ceType) {
        return ALL.stream().filter(t -> t.type().equals(ceType)).findFirst();
    }
}
