package vn.kyso.activation.rest;

import java.util.UUID;

/**
 * Where the subscriber is in the wizard, for the app's "1/4 … 4/4" header.
 *
 * @param step 1 to 4, or 5 when the activation is complete
 * @param acceptance step 4/4's acceptance record, once the certificate is issued
 */
public record StatusResponse(UUID activationId, String state, int step, int totalSteps, Acceptance acceptance) {

    /**
     * The acceptance record's signing.
     *
     * @param status TO_REQUEST, PENDING (sign it: {@code transactionId} at signing-service), TO_COLLECT, SIGNED,
     *        REJECTED or EXPIRED (both renewable with {@code POST /api/v1/activation/acceptance})
     */
    public record Acceptance(String status, UUID transactionId, int attempt) {
    }
}
