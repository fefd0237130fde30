package uk.nhs.mhe.ingest;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;

/** RestAssured as a provider's client would send: no charset appended to Content-Type unless asked. */
public final class TestHttp {

    private TestHttp() {
    }

    public static void configure() {
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                .encodeContentTypeAs("application/x-ndjson", ContentType.TEXT)
                .encodeContentTypeAs("application/xml", ContentType.TEXT)
                .encodeContentTypeAs("application/yaml", ContentType.TEXT)
                .encodeContentTypeAs("application/octet-stream", ContentType.BINARY));
    }
}
