package uk.nhs.mhe.common.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * Pages and CSV downloads are never stored by a shared cache or kept in the browser's history:
 * the same address shows exact figures to an assurance user and suppressed ones to the public,
 * a provider's own submissions, a contributor's drafts. Responses that set their own
 * {@code Cache-Control} keep it.
 */
public class PrivatePages {

    @ServerResponseFilter
    public void noSharedCaching(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null || response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            return;
        }
        boolean page = type.isCompatible(MediaType.TEXT_HTML_TYPE) || ("text".equals(type.getType())
                && "csv".equals(type.getSubtype()));
        if (page) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "private, no-store");
        }
    }
}
