package uk.nhs.mhe.common.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * problem+json for the errors the HTTP layer would answer itself, before any resource or
 * exception mapper runs.
 * <ul>
 *   <li>A declared {@code Content-Length} over {@code mhe.http.max-body-size}: refused here, first
 *       of all routes. (Quarkus checks {@code quarkus.http.limits.max-body-size} before the router
 *       and answers a bare 413 that no handler can dress; each service sets that limit a little
 *       above this one, so that callers meet this one.)</li>
 *   <li>Any failure that is only a status code (a chunked body over the limit, a bad request):
 *       a failure handler, first in order, writes the problem if no answer was written yet and
 *       leaves exceptions and written answers to the handlers after it.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpLayerProblems {

    // Our own mapper: this runs outside the application's Jackson configuration.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBodyBytes;

    public HttpLayerProblems(@org.eclipse.microprofile.config.inject.ConfigProperty(name = "mhe.http.max-body-size",
            defaultValue = "10M") io.quarkus.runtime.configuration.MemorySize maxBody) {
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::declaredLength);
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpLayerProblems::handle);
    }

    private void declaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // the HTTP codec refuses a malformed length itself
        }
        if (length > maxBodyBytes) {
            var answered = write(context.response(), Problem.of("payload-too-large", "Request too large", 413,
                    "The request body (" + length + " bytes) is larger than this service accepts (" + maxBodyBytes
                            + " bytes)"));
            // Do not read gigabytes only to throw them away: close an HTTP/1 connection once answered.
            if (context.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
                answered.onComplete(done -> context.request().connection().close());
            }
            return;
        }
        context.next();
    }

    static void handle(RoutingContext context) {
        HttpServerResponse response = context.response();
        int status = context.statusCode();
        if (context.failure() != null || status < 400 || response.headWritten() || response.ended()) {
            context.next();
            return;
        }
        Problem problem = status == 413
                ? Problem.of("payload-too-large", "Request too large", 413,
                        "The request body is larger than this service accepts")
                : Problem.of("http-" + status, io.netty.handler.codec.http.HttpResponseStatus.valueOf(status)
                        .reasonPhrase(), status, "The request was refused by the HTTP layer");
        write(response, problem);
    }

    private static io.vertx.core.Future<Void> write(HttpServerResponse response, Problem problem) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 413) {
            // The rest of an oversized body is not read: close the connection rather than drain it.
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        return response.end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
