package vn.kyso.events;

import java.util.List;
import java.util.Optional;

import vn.kyso.events.account.AccountCreated;

/** The catalogue of every event type Kyso publishes. */
public final class EventTypes {

    public static final EventType<AccountCreated> ACCOUNT_CREATED =
            EventType.of("account", "AccountCreated", 1, Topics.ACCOUNT_EVENTS, AccountCreated.class);

    public static final List<EventType<?>> ALL = List.of(ACCOUNT_CREATED);

    private EventTypes() {
    }

    public static Optional<EventType<?>> byType(String ceType) {
        return ALL.stream().filter(t -> t.type().equals(ceType)).findFirst();
    }
}
