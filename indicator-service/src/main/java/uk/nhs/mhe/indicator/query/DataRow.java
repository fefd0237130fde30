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
     * The group against the breakdown's reference group, with the 95% interval; {@code disparity}
     * when significant in the direction the polarity calls worse. Rates answer a
     * {@link RatioToReference}, proportions a {@link DifferenceFromReference} (percentage points):
     * api.md names the field {@code ratio} or {@code difference} after what it is.
     */
    public sealed interface VsReference permits RatioToReference, DifferenceFromReference {
        String group();

        Double lower();

        Double upper();

        boolean disparity();

        /** The ratio or the difference (not a JSON property: each record names its own). */
        Double estimate();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RatioToReference(String group, Double ratio, Double lower, Double upper, boolean disparity)
            implements VsReference {
        @Override
        public Double estimate() {
            return ratio;
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DifferenceFromReference(String group, Double difference, Double lower, Double upper,
            boolean disparity) implements VsReference {
        @Override
        public Double estimate() {
            return difference;
        }
    }
}
