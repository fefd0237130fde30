package uk.nhs.mhe.ingest.web;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.ingest.submission.SubmissionFormat;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadFormTest {

    @Test
    void aCompleteCsvUploadHasNoErrors() {
        UploadForm form = new UploadForm("MHSDS", "RV5", "2024-03", "march.csv.gz", 120);
        assertTrue(form.errors(false).isEmpty());
        assertEquals(SubmissionFormat.CSV, form.format());
        assertTrue(form.gzip());
        assertEquals("text/csv", form.contentType());
    }

    @Test
    void listsEachMissingFieldInFormOrder() {
        UploadForm form = new UploadForm("", null, "March 2024", null, 0);
        assertEquals(List.of("dataset", "provider", "period", "file"), List.copyOf(form.errors(true).keySet()));
        assertEquals("Enter the reporting period as year and month, like 2024-03", form.errors(true).get("period"));
    }

    @Test
    void refusesFilesOfAnotherKindOrEmpty() {
        assertTrue(new UploadForm("MHSDS", "RV5", "2024-03", "data.xlsx", 10).errors(false).containsKey("file"));
        assertEquals("The selected file is empty",
                new UploadForm("MHSDS", "RV5", "2024-03", "data.ndjson", 0).errors(false).get("file"));
    }
}
