package vn.kyso.account.rest;

import java.util.UUID;

/** An account as the operator API shows it. */
public record AccountResponse(UUID accountId, String identifier, String status) {
}
