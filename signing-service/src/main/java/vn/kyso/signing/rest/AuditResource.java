package vn.kyso.signing.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.smallrye.mutiny.Uni;
import vn.kyso.signing.service.AuditTrail;

/** Operators check that the audit trail is intact. */
@Path("/api/v1/audit")
@RolesAllowed("operator")
public class AuditResource {

    private final AuditTrail audit;

    public AuditResource(AuditTrail audit) {
        this.audit = audit;
    }

    /** Recomputes the hash chain; {@code firstBroken} names the first row that was changed, removed or inserted. */
    @GET
    @Path("/verify")
    public Uni<AuditTrail.Verification> verify() {
        return audit.verify();
    }
}
