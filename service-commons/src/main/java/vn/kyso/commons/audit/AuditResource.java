package vn.kyso.commons.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import vn.kyso.audit.AuditVerifier;

/**
 * The operator's view of this service's audit trail: an export to check offline, and the same check done here. Only
 * in the services that keep a trail ({@code kyso.audit.enabled=true} at build time).
 */
@IfBuildProperty(name = "kyso.audit.enabled", stringValue = "true")
@Path("/api/v1/audit")
@RolesAllowed("operator")
public class AuditResource {

    private final AuditExport export;

    public AuditResource(AuditExport export) {
        this.export = export;
    }

    /** JSON lines: header, entries, anchors, signed trailer ({@code ./kyso audit export}). */
    @GET
    @Path("/export")
    @Produces({"application/x-ndjson", "application/problem+json"})
    public Uni<Response> export() {
        return export.export().map(lines -> Response.ok(String.join("\n", lines) + "\n", "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit.jsonl\"").build());
    }

    /** The offline verifier's findings on the current trail. */
    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AuditVerifier.Report> verify() {
        return export.verify();
    }
}
