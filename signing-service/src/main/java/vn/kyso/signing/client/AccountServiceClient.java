package vn.kyso.signing.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * account-service's login, used by SmartCA TH v2 to check the subscriber's password where it lives (its lockout and
 * rate limits apply); documented in both READMEs.
 */
@RegisterRestClient(configKey = "account-service")
public interface AccountServiceClient {

    @POST
    @Path("/api/v1/auth/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> login(Login login);

    /** A subscriber's login. */
    record Login(String username, String password) {

        @Override
        public String toString() {
            return "Login[username=" + username + ", password=***]";
        }
    }
}
