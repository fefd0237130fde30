package uk.nhs.mhe.indicator.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.Breakdown;
import uk.nhs.mhe.indicator.query.CsvTable;
import uk.nhs.mhe.indicator.query.CsvWriter;
import uk.nhs.mhe.indicator.query.FunnelQuery;
import uk.nhs.mhe.indicator.query.IndicatorData;
import uk.nhs.mhe.indicator.query.IndicatorQuery;
import uk.nhs.mhe.indicator.query.TrendQuery;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The indicator pages (api.md, "Web pages"; issue 6): {@code /} shows the default view without
 * login, {@code /indicators/{id}} any selection, and the {@code .csv} links download what the
 * page shows. Public figures for everyone; exact figures for the {@code assurance} role after
 * signing in through the {@code web} OIDC tenant (code flow with PKCE; see application.properties).
 * The figures come from the same queries as the API, so disclosure control cannot differ.
 */
@Path("/")
@PermitAll
public class IndicatorPages {

    /** The default view of api.md: detentions, England, latest period, broad ethnic group. */
    static final String DEFAULT_INDICATOR = Catalogue.MHA_DETENTION_RATE;
    static final String DEFAULT_BREAKDOWN = Breakdown.BROAD_ETHNICITY;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance indicator(IndicatorPage page);

        static native TemplateInstance indicators(IndicatorList page);

        static native TemplateInstance error(ErrorPage page);
    }

    private final IndicatorQuery dataQuery;
    private final TrendQuery trendQuery;
    private final FunnelQuery funnelQuery;
    private final Choices choices;
    private final IndicatorPageBuilder pages;
    private final SecurityIdentity identity;

    public IndicatorPages(IndicatorQuery dataQuery, TrendQuery trendQuery, FunnelQuery funnelQuery, Choices choices,
            IndicatorPageBuilder pages, SecurityIdentity identity) {
        this.dataQuery = dataQuery;
        this.trendQuery = trendQuery;
        this.funnelQuery = funnelQuery;
        this.choices = choices;
        this.pages = pages;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response home(@Context UriInfo uri) {
        return page(DEFAULT_INDICATOR, new Selection(null, null, DEFAULT_BREAKDOWN, null, null, null, null), here(uri));
    }

    /**
     * The catalogue, or — from the page's form, which cannot change the path without
     * JavaScript — a redirect to the chosen indicator's page, keeping what still applies to it.
     */
    @GET
    @Path("indicators")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response indicators(@QueryParam("indicator") String id, @QueryParam("area") String area,
            @QueryParam("period") String period, @QueryParam("breakdown") String breakdown,
            @QueryParam("benchmark") String benchmark, @QueryParam("periodType") String periodType,
            @QueryParam("areaType") String areaType, @Context UriInfo uri) {
        Viewer viewer = Viewer.of(identity);
        if (id == null || id.isBlank()) {
            return html(200, Templates.indicators(new IndicatorList(viewer, choices.catalogue().all(), here(uri))));
        }
        Indicator indicator = choices.catalogue().find(id.trim()).orElse(null);
        Selection wanted = new Selection(area, period, breakdown, benchmark, null, periodType, areaType);
        if (indicator == null) {
            return error(new ProblemException(uk.nhs.mhe.common.problem.Problem.of("unknown-indicator",
                    "Unknown indicator", 404, "No indicator '" + id + "'")), id, wanted, viewer, here(uri));
        }
        Selection kept = new Selection(
                wanted.area() != null && choices.measuredFor(indicator, wanted.area()) ? wanted.area() : null,
                wanted.period() != null && choices.storedPeriods(indicator.id()).contains(wanted.period())
                        ? wanted.period() : null,
                wanted.breakdown() != null && indicator.breakdowns().contains(wanted.breakdown())
                        ? wanted.breakdown() : null,
                wanted.benchmark(), null,
                wanted.periodType() != null && indicator.periodTypes().contains(wanted.periodType())
                        ? wanted.periodType() : null,
                wanted.areaType() != null && indicator.areaTypes().contains(wanted.areaType()) ? wanted.areaType() : null);
        return Response.seeOther(URI.create("/indicators/" + indicator.id() + kept.query())).build();
    }

    @GET
    @Path("indicators/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response indicator(@PathParam("id") String id, @QueryParam("area") String area,
            @QueryParam("period") String period, @QueryParam("breakdown") String breakdown,
            @QueryParam("benchmark") String benchmark, @QueryParam("group") String group,
            @QueryParam("periodType") String periodType, @QueryParam("areaType") String areaType,
            @Context UriInfo uri) {
        return page(id, new Selection(area, period, breakdown, benchmark, group, periodType, areaType), here(uri));
    }

    /** The data table of the page as CSV: the API's CSV, with this page's identity. */
    @GET
    @Path("indicators/{id}/data.csv")
    @Produces(CsvWriter.MEDIA_TYPE)
    @Operation(hidden = true)
    public Response dataCsv(@PathParam("id") String id, @QueryParam("area") String area,
            @QueryParam("period") String period, @QueryParam("breakdown") String breakdown,
            @QueryParam("benchmark") String benchmark, @Context UriInfo uri) {
        Viewer viewer = Viewer.of(identity);
        Selection s = new Selection(area, period, breakdown, benchmark, null, null, null);
        return csv(id, s, viewer, uri, () -> {
            Indicator indicator = choices.catalogue().find(id).orElseThrow();
            IndicatorData data = dataQuery.data(id, areaOrDefault(s, viewer), period, breakdown, benchmark, viewer.exact());
            return data.toCsv(indicator.comparison() == Indicator.Comparison.DIFFERENCE);
        });
    }

    @GET
    @Path("indicators/{id}/trend.csv")
    @Produces(CsvWriter.MEDIA_TYPE)
    @Operation(hidden = true)
    public Response trendCsv(@PathParam("id") String id, @QueryParam("area") String area,
            @QueryParam("breakdown") String breakdown, @QueryParam("group") String group,
            @QueryParam("periodType") String periodType, @Context UriInfo uri) {
        Viewer viewer = Viewer.of(identity);
        Selection s = new Selection(area, null, breakdown, null, group, periodType, null);
        return csv(id, s, viewer, uri, () -> trendQuery.trend(id, areaOrDefault(s, viewer), breakdown, group,
                periodType, null, viewer.exact()).toCsv());
    }

    @GET
    @Path("indicators/{id}/funnel.csv")
    @Produces(CsvWriter.MEDIA_TYPE)
    @Operation(hidden = true)
    public Response funnelCsv(@PathParam("id") String id, @QueryParam("areaType") String areaType,
            @QueryParam("period") String period, @QueryParam("breakdown") String breakdown,
            @QueryParam("group") String group, @Context UriInfo uri) {
        Viewer viewer = Viewer.of(identity);
        Selection s = new Selection(null, period, breakdown, null, group, null, areaType);
        return csv(id, s, viewer, uri, () -> funnelQuery.funnel(id, areaType, period, breakdown, group,
                viewer.exact()).toCsv());
    }

    /**
     * Signing in: visiting this path without a session starts the code flow of the {@code web}
     * tenant; once signed in, back to the page the user came from (local paths only, so the
     * link cannot be used to send someone elsewhere).
     */
    /** A GET ends no session (signing out is a POST, see application.properties): back home. */
    @GET
    @Path("logout")
    @Operation(hidden = true)
    public Response loggedOut() {
        return Response.seeOther(URI.create("/")).build();
    }

    @GET
    @Path("login")
    @Authenticated
    @Operation(hidden = true)
    public Response login(@QueryParam("next") String next) {
        boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
        return Response.seeOther(URI.create(local ? next : "/")).build();
    }

    private Response page(String id, Selection wanted, String here) {
        Viewer viewer = Viewer.of(identity);
        Selection selection = wanted.area() == null ? wanted.withArea(viewer.defaultArea()) : wanted;
        try {
            return html(200, Templates.indicator(pages.build(id, selection, viewer, here)));
        } catch (ProblemException e) {
            return error(e, id, wanted, viewer, here);
        }
    }

    private Response csv(String id, Selection s, Viewer viewer, UriInfo uri, Supplier<CsvTable> table) {
        try {
            CsvTable t = table.get();
            return Response.ok(CsvWriter.write(t), CsvWriter.MEDIA_TYPE + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + t.filename() + "\"").build();
        } catch (ProblemException e) {
            return error(e, id, s, viewer, here(uri));
        }
    }

    private Response error(ProblemException e, String id, Selection selection, Viewer viewer, String here) {
        ErrorPage page = ErrorPage.of(e.problem(), id, selection, choices, viewer, here);
        return html(page.status(), Templates.error(page));
    }

    private static String areaOrDefault(Selection s, Viewer viewer) {
        return s.area() != null ? s.area() : viewer.defaultArea();
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).entity(page.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /** This request's path and query, for the "Log in" link to come back to. */
    static String here(UriInfo uri) {
        URI u = uri.getRequestUri();
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
