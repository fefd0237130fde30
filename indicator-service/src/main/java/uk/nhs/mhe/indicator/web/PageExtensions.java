package uk.nhs.mhe.indicator.web;

import io.quarkus.qute.TemplateExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Helpers the page templates call on strings. */
@TemplateExtension
final class PageExtensions {

    private PageExtensions() {
    }

    /** For a value inside a link's query string, e.g. the page to return to after login. */
    static String urlEncoded(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
