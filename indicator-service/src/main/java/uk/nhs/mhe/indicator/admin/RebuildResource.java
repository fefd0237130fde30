package uk.nhs.mhe.indicator.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/admin/rebuild}: the national data team rebuilds every submission and value
 * from {@code mhe.submissions.v1} (README, "Operations: rebuild from the topic"). Answers when
 * the rebuild committed; runs on a worker thread, as blocking endpoints do.
 */
@Path("/api/v1/admin/rebuild")
public class RebuildResource {

    private final Rebuild rebuild;

    public RebuildResource(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("ingest-admin")
    public RebuildResult rebuild() throws Exception {
        return rebuild.run();
    }
}
