package uk.nhs.mhe.indicator.catalogue;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The indicator catalogue. Public. */
@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class CatalogueResource {

    private final Catalogue catalogue;

    public CatalogueResource(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    public List<Indicator> list() {
        return catalogue.all();
    }
}
