package uk.nhs.mhe.demo;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The JSON envelope {@code POST /api/v1/submissions} takes: dataset, provider, period, records
 * ({@link MhsdsRecord} for MHSDS, {@link TalkingTherapiesRecord} for TALKING_THERAPIES).
 */
@JsonPropertyOrder({"dataset", "provider", "period", "records"})
public record Submission<R>(String dataset, String provider, String period, List<R> records) {
}
