package uk.nhs.mhe.ingest.web;

import uk.nhs.mhe.ingest.dataset.Datasets;
import uk.nhs.mhe.ingest.submission.SubmissionFormat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The upload form as posted: dataset, period, the provider (only ingest-admin chooses it; others
 * submit for their own organisation) and the file's name and size. Checks what the page can check
 * before the file is sent to validation (the records themselves are validated by the service, as
 * for the API). The format follows the file name: {@code .csv} or {@code .ndjson} / {@code .jsonl},
 * optionally {@code .gz}; whole-JSON files carry their own envelope and go through the API. Pure.
 */
public record UploadForm(String dataset, String provider, String period, String filename, long size) {

    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    /** Findings keyed by form field, in the form's order (for the error summary). */
    public Map<String, String> errors(boolean choosesProvider) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (dataset == null || Datasets.find(dataset).isEmpty()) {
            errors.put("dataset", "Select the dataset");
        }
        if (choosesProvider && (provider == null || provider.isBlank())) {
            errors.put("provider", "Enter the ODS code of the provider, like RV5");
        }
        if (period == null || period.isBlank()) {
            errors.put("period", "Enter the reporting period");
        } else if (!PERIOD.matcher(period.trim()).matches()) {
            errors.put("period", "Enter the reporting period as year and month, like 2024-03");
        }
        if (filename == null || filename.isBlank()) {
            errors.put("file", "Select a file");
        } else if (format() == null) {
            errors.put("file", "The file must be a CSV (.csv) or NDJSON (.ndjson) file, optionally gzipped (.gz)");
        } else if (size == 0) {
            errors.put("file", "The selected file is empty");
        }
        return errors;
    }

    public SubmissionFormat format() {
        String name = baseName();
        if (name.endsWith(".csv")) {
            return SubmissionFormat.CSV;
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return SubmissionFormat.NDJSON;
        }
        return null;
    }

    public boolean gzip() {
        return filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    public String contentType() {
        return format() == SubmissionFormat.CSV ? "text/csv" : "application/x-ndjson";
    }

    private String baseName() {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT).trim();
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
