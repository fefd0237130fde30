package uk.nhs.mhe.ingest.submission;

/** The body formats a submission may come in, by {@code Content-Type}. */
public enum SubmissionFormat {
    /** {@code application/json}: the envelope {@code {"dataset","provider","period","records":[...]}}. */
    JSON("application/json", "malformed-json", "Malformed JSON"),
    /** {@code application/x-ndjson}: one JSON record per line; envelope in the query. */
    NDJSON("application/x-ndjson", "malformed-ndjson", "Malformed NDJSON"),
    /** {@code text/csv}: RFC 4180 with a header row of field names; envelope in the query. */
    CSV("text/csv", "malformed-csv", "Malformed CSV");

    public final String mediaType;
    public final String malformedType;
    public final String malformedTitle;

    SubmissionFormat(String mediaType, String malformedType, String malformedTitle) {
        this.mediaType = mediaType;
        this.malformedType = malformedType;
        this.malformedTitle = malformedTitle;
    }
}
