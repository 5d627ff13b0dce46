package vn.kyso.account.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountError;
import vn.kyso.account.service.AuthService;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.ServiceScopes;

/** Service-to-service: is this a subscriber's password (signing-service, for SmartCA TH v2); not routed publicly. */
@Path("/internal/v1/password-checks")
@RolesAllowed(ServiceScopes.ACCOUNT_PASSWORD_CHECK)
public class InternalPasswordCheckResource {

    private final AuthService auth;

    public InternalPasswordCheckResource(AuthService auth) {
        this.auth = auth;
    }

    /** The subscriber's ID number and the password to check. */
    public record PasswordCheck(String identifier, String password) {

        @Override
        public String toString() {
            return "PasswordCheck[identifier=" + identifier + ", password=***]";
        }
    }

    /**
     * 204 when it is the password; 401 otherwise, the same for an unknown identifier; 429 with Retry-After while this
     * caller must wait for that identifier (a login's back-off). Opens no session.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> check(PasswordCheck request) {
        PasswordCheck body = request == null ? new PasswordCheck(null, null) : request;
        new FieldValidator()
                .require("identifier", body.identifier(), 128)
                .require("password", body.password(), 128)
                .throwIfInvalid(AccountError.VALIDATION_FAILED);
        return auth.checkPassword(body.identifier(), body.password()).map(ok -> {
            if (!ok) {
                throw new ProblemException(AccountError.INVALID_CREDENTIALS, "Wrong identifier or password");
            }
            return Response.noContent().build();
        });
    }
}
