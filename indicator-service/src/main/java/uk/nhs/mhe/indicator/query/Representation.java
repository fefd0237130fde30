package uk.nhs.mhe.indicator.query;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.function.Supplier;

/**
 * Answers JSON or, when the client prefers it in {@code Accept}, CSV (api.md: "Accept: text/csv
 * on data, trend and funnel"). JSON wins ties and wildcards, so a browser or a client that
 * sends no {@code Accept} gets JSON.
 */
final class Representation {

    private static final MediaType CSV = MediaType.valueOf(CsvWriter.MEDIA_TYPE);

    private Representation() {
    }

    static Response of(HttpHeaders headers, Object json, Supplier<CsvTable> csv) {
        if (!wantsCsv(headers)) {
            return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
        }
        CsvTable table = csv.get();
        return Response.ok(CsvWriter.write(table), CsvWriter.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + table.filename() + "\"")
                .build();
    }

    /** The acceptable types come sorted by preference; the first of JSON or CSV that matches decides. */
    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (!type.isWildcardSubtype() && type.isCompatible(CSV)) {
                return true;
            }
        }
        return false;
    }
}
