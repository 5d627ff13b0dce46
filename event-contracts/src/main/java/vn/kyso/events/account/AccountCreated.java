package vn.kyso.events.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscriber account was created by an operator or an integrator with RA rights; it is not yet activated.
 *
 * @param accountId the aggregate id and Kafka key
 * @param identifier the login name shown in the activation email (the id number)
 * @param idType CCCD, HC (passport) or MST (tax code)
 * @param status always {@code UNACTIVATED} at creation
 */
public record AccountCreated(
        UUID accountId,
        String identifier,
        String idType,
        String fullName,
        String email,
        String phone,
        String province,
        String locality,
        String status,
        Instant createdAt) {
}
