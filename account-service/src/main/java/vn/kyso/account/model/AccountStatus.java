package vn.kyso.account.model;

import java.util.Map;
import java.util.Set;

/** Where a subscriber account is in its lifecycle; it moves only along the transitions defined here. */
public enum AccountStatus {
    UNACTIVATED,
    ACTIVE,
    LOCKED;

    private static final Map<AccountStatus, Set<AccountStatus>> NEXT = Map.of(
            UNACTIVATED, Set.of(ACTIVE),
            ACTIVE, Set.of(LOCKED),
            LOCKED, Set.of(ACTIVE));

    public boolean canBecome(AccountStatus next) {
        return NEXT.get(this).contains(next);
    }
}
