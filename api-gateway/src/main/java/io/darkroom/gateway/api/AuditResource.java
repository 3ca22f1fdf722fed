package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.Ids;
import io.darkroom.gateway.domain.PageLimit;
import io.darkroom.gateway.persistence.AuditLog;
import io.darkroom.gateway.security.AuditEntry;
import io.darkroom.gateway.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit log for admins: sign-ins (and failed ones) and every admin action, newest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AuditResource {

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Audit entries, newest first; page with before=<the last id seen>")
    public Uni<List<AuditEntry>> recent(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        int size = PageLimit.parse(limit, 100, 500);
        return audit.recent(size, before == null ? null : Ids.parse(before, "before"));
    }
}
