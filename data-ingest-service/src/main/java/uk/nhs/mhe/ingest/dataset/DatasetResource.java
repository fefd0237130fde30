package uk.nhs.mhe.ingest.dataset;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Collection;

/** The dataset specifications, public: a provider's developer reads them before integrating. */
@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class DatasetResource {

    @GET
    public Collection<DatasetSpecification> all() {
        return Datasets.all().values();
    }
}
