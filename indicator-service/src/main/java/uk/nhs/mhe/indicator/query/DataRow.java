package uk.nhs.mhe.indicator.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.mhe.indicator.stats.Assessment;
import uk.nhs.mhe.indicator.stats.BenchmarkComparison;

/** One group's row of {@code GET /api/v1/indicators/{id}/data} (api.md). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DataRow(String group, String label, Long numerator, Double denominator, Double value, Double lowerCi95,
        Double upperCi95, Double lowerCi998, Double upperCi998, Double benchmarkValue,
        BenchmarkComparison comparedToBenchmark, Assessment assessment, VsReference vsReference, boolean suppressed) {

    /**
     * The group against the breakdown's reference group: a rate ratio with its 95% interval;
     * {@code disparity} when significant in the direction the polarity calls worse.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VsReference(String group, Double ratio, Double lower, Double upper, boolean disparity) {
    }
}
