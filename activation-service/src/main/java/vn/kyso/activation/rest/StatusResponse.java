package vn.kyso.activation.rest;

import java.util.UUID;

/**
 * Where the subscriber is in the wizard, for the app's "1/4 … 4/4" header.
 *
 * @param step 1 to 4, or 5 when the activation is complete
 */
public record StatusResponse(UUID activationId, String state, int step, int totalSteps) {
}
