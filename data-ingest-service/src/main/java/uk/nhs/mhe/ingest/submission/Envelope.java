package uk.nhs.mhe.ingest.submission;

/** What a submission is for: dataset, submitting provider (ODS code) and reporting month. */
public record Envelope(String dataset, String provider, String period) {

    /** The Kafka key and lock key: {@code DATASET|PROVIDER|PERIOD}. */
    public String key() {
        return dataset + "|" + provider + "|" + period;
    }

    public boolean complete() {
        return dataset != null && provider != null && period != null;
    }

    public Envelope with(String field, String value) {
        return switch (field) {
            case "dataset" -> new Envelope(value, provider, period);
            case "provider" -> new Envelope(dataset, value, period);
            case "period" -> new Envelope(dataset, provider, value);
            default -> this;
        };
    }
}
