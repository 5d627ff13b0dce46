package vn.kyso.signing.integrator.csc;

import java.util.UUID;

import vn.kyso.signing.integrator.model.ServiceProvider;

/**
 * Who calls the CSC API with a bearer token: the integrator, and, for a token from the authorization-code flow, the
 * subscriber who consented, the scope they consented to and (credential scope) the SAD their approval yielded.
 */
public record CscCaller(ServiceProvider sp, UUID accountId, String scope, UUID credentialId, String sad) {

    static CscCaller integrator(ServiceProvider sp) {
        return new CscCaller(sp, null, null, null, null);
    }

    /** A token the subscriber gave through the authorization-code flow (not client credentials). */
    boolean userSpecific() {
        return accountId != null;
    }

    boolean credentialScope() {
        return "credential".equals(scope);
    }
}
