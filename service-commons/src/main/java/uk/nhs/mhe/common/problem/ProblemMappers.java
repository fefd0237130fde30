package uk.nhs.mhe.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a problem detail, so clients never have to parse an HTML page or an
 * empty body. Requires {@code quarkus.http.auth.proactive=false}, which routes authentication
 * failures through these mappers instead of answering before the REST layer.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder rb = Response.fromResponse(respond(e.problem()));
        e.headers().forEach(rb::header);
        return rb.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(respond(Problem.of("unauthorized", "Unauthorized", 401,
                "A valid bearer token from the mhe realm with audience mhe-api is required.")))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mhe\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of("forbidden", "Forbidden", 403,
                "Your roles do not allow this operation."));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(Problem.of("not-found", "Not found", 404, "No resource at this path."));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return respond(Problem.of("unsupported-media-type", "Unsupported media type", 415,
                "This endpoint does not accept that Content-Type; see the API documentation at /q/openapi."));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return respond(Problem.of("not-acceptable", "Not acceptable", 406,
                "This endpoint cannot answer in the media type asked for in Accept."));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return respond(Problem.of("method-not-allowed", "Method not allowed", 405,
                "This path does not support that HTTP method."));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(Problem.of("malformed-json", "Malformed JSON", 400,
                "The body is not valid JSON: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("Request failed", e);
        }
        return respond(Problem.of("http-" + status, Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(), status,
                e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("Unexpected failure", e);
        return respond(Problem.of("internal-error", "Internal error", 500,
                "The service failed unexpectedly; the failure is logged."));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
