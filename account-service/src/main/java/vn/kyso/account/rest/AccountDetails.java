package vn.kyso.account.rest;

import java.time.Instant;
import java.util.UUID;

import vn.kyso.account.model.Account;

/** Every field of an account, for operators. */
public record AccountDetails(UUID accountId, String identifier, String idType, String fullName, String email,
        String phone, String province, String locality, String status, Instant createdAt) {

    static AccountDetails of(Account a) {
        return new AccountDetails(a.id, a.identifier, a.idType.name(), a.fullName, a.email, a.phone, a.province,
                a.locality, a.status.name(), a.createdAt);
    }
}
