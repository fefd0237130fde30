package uk.nhs.mhe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ingest and library pages in a real browser (headless Chromium, {@link Browser}) against the
 * whole {@link Platform}: real PostgreSQL, Kafka and Keycloak and the packaged services. Each
 * person signs in through Keycloak's login form; every page is checked with axe-core and saved
 * as a screenshot under {@code deploy/e2e/target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPagesIT {

    private Platform platform;
    private Api api;
    private String submittedTitle;

    @BeforeAll
    void start() throws Exception {
        platform = new Platform();
        api = new Api(platform.keycloak.tokenEndpoint());
        seedLibrary();
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /** Published practice to search, through the API as the demo users would have written it. */
    private void seedLibrary() throws Exception {
        String rv5 = api.userToken("contributor.rv5");
        String moderator = api.userToken("moderator");
        String cases = platform.libraryUrl + "/api/v1/case-studies";
        String[][] studies = {
                {"Evening crisis café with a Black-led charity", "black", "crisis", "Y56"},
                {"Culturally adapted talking therapy for South Asian women", "asian", "talking-therapies", "Y60"},
                {"Peer support for young people leaving inpatient care", "children-young-people", "inpatient", "Y62"},
        };
        for (String[] s : studies) {
            Map<String, Object> cs = new LinkedHashMap<>();
            cs.put("title", s[0]);
            cs.put("summary", "An illustrative case study for the browser tests.");
            cs.put("body", "## What we did\n\nWorked with local community groups.");
            cs.put("region", s[3]);
            cs.put("populationGroups", List.of(s[1], "ethnic-minority"));
            cs.put("serviceArea", s[2]);
            cs.put("interventionType", "co-production");
            cs.put("stage", "deliver");
            cs.put("evidenceLevel", "local-evaluation");
            JsonNode created = api.postJson(cases, rv5, cs).body();
            String id = created.path("id").asText();
            assertEquals(200, api.post(cases + "/" + id + "/submit", rv5).status());
            if (!s[2].equals("inpatient")) { // the last one waits in the moderation queue
                assertEquals(200, api.post(cases + "/" + id + "/publish", moderator).status());
            }
        }
    }

    @Test
    @Order(1)
    void libraryLandingSearchAndContributorEditor() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open(platform.libraryUrl + "/");
            assertEquals("Library of positive practice", browser.text("h1"));
            browser.assertAccessible("library-home");
            browser.screenshot("library-home");

            browser.clickText("Sign in");
            browser.signIn("contributor.rv5", "demo");
            browser.waitForUrl(platform.libraryUrl + "/library");
            assertEquals("Search case studies", browser.text("h1"));
            assertTrue(browser.text("#results-heading").startsWith("3 case studies"), browser.text("#results-heading"));
            assertTrue(browser.text("label[for='populationGroups-ethnic-minority']").endsWith("(3)"));

            // Words typed into the form are ranked by relevance: the order the page was shown in
            // (newest, without words) is not sent with them.
            browser.type("#q", "crisis");
            browser.submit("button.nhsuk-button:not(.nhsuk-button--secondary)");
            browser.waitForUrl(platform.libraryUrl + "/library?");
            assertTrue(browser.driver().getCurrentUrl().contains("sort=&") || browser.driver().getCurrentUrl().endsWith("sort="),
                    browser.driver().getCurrentUrl());
            assertEquals("", browser.element("#sort").getAttribute("value"));
            browser.open(platform.libraryUrl + "/library");

            // Facet filter: tick a population group and apply.
            browser.click("label[for='populationGroups-black']");
            browser.clickText("Apply filters");
            browser.waitForUrl(platform.libraryUrl + "/library?");
            assertTrue(browser.text("#results-heading").startsWith("1 case study"), browser.text("#results-heading"));
            assertTrue(browser.element("#populationGroups-black").isSelected());
            browser.assertAccessible("library-search");
            browser.screenshot("library-search");

            browser.clickText("Evening crisis café");
            assertEquals("Evening crisis café with a Black-led charity", browser.text("h1"));
            assertTrue(browser.text(".nhsuk-summary-list").contains("Crisis care"));
            browser.assertAccessible("library-case-study");
            browser.screenshot("library-case-study");

            // The editor: an empty save shows the error summary, linked to the fields.
            browser.open(platform.libraryUrl + "/library/case-studies/new");
            browser.clickText("Save draft");
            assertEquals("There is a problem", browser.text(".nhsuk-error-summary__title"));
            assertTrue(browser.text(".nhsuk-error-summary__list").contains("title")
                    || browser.text(".nhsuk-error-summary__list").contains("Title"), browser.text(".nhsuk-error-summary__list"));
            assertTrue(browser.driver().getTitle().startsWith("Error: "));
            browser.assertAccessible("library-editor-errors");
            browser.screenshot("library-editor-errors");

            submittedTitle = "Community outreach with Gypsy and Traveller families";
            browser.type("#title", submittedTitle);
            browser.type("#summary", "Outreach workers visited sites with a health visitor.");
            browser.type("#body", "We met families where they live.");
            new Select(browser.element("#region")).selectByValue("Y59");
            browser.click("label[for='populationGroups-gypsy-roma-traveller']");
            new Select(browser.element("#serviceArea")).selectByValue("community");
            new Select(browser.element("#interventionType")).selectByValue("community-outreach");
            new Select(browser.element("#stage")).selectByValue("design");
            new Select(browser.element("#evidenceLevel")).selectByValue("anecdotal");
            browser.clickText("Save draft");
            assertEquals(submittedTitle, browser.text("h1"));
            assertTrue(browser.text(".nhsuk-notification-banner").contains("saved as a draft"));
            assertEquals("Draft", browser.text(".nhsuk-tag"));
            browser.assertAccessible("library-draft");
            browser.screenshot("library-draft");
            String draftUrl = browser.driver().getCurrentUrl().replaceAll("\\?.*", "");

            browser.clickText("Send for moderation");
            assertEquals("Awaiting moderation", browser.text(".nhsuk-tag"));

            // Someone outside RV5 who is not a moderator gets 404 for it, as in the API.
            try (Browser other = new Browser()) {
                other.open(draftUrl);
                other.signIn("contributor.rxt", "demo");
                assertEquals("Page not found", other.text("h1"));
            }

            // A GET of /logout (which any other site could make the browser send) ends no session.
            browser.open(platform.libraryUrl + "/logout");
            browser.open(draftUrl);
            assertEquals(submittedTitle, browser.text("h1"));
            assertTrue(browser.text(".nhsuk-header__navigation-list").contains("Signed in as"));

            browser.clickText("Sign out");
            browser.waitForUrl(platform.libraryUrl + "/");
            assertEquals("Sign in", browser.text(".nhsuk-header__navigation-list a.nhsuk-header__navigation-link"));
        }
    }

    @Test
    @Order(2)
    void moderatorReturnsOneWithACommentAndPublishesAnother() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open(platform.libraryUrl + "/library/moderation");
            browser.signIn("moderator", "demo");
            browser.waitForUrl(platform.libraryUrl + "/library/moderation");
            assertEquals("Moderation queue", browser.text("h1"));
            assertTrue(browser.text(".nhsuk-table").contains(submittedTitle));
            browser.assertAccessible("library-moderation");
            browser.screenshot("library-moderation");

            browser.clickText(submittedTitle);
            browser.clickText("Return with comment");
            assertTrue(browser.text("#comment-error").contains("Enter a comment"), browser.text("#comment-error"));
            // The NHS.UK error summary leads to the field.
            assertEquals("There is a problem", browser.text(".nhsuk-error-summary__title"));
            assertEquals("#comment", browser.element(".nhsuk-error-summary__list a").getAttribute("hash"));
            browser.assertAccessible("library-moderate-error");
            browser.type("#comment", "Please add what changed for families.");
            browser.clickText("Return with comment");
            browser.waitForUrl(platform.libraryUrl + "/library/moderation");
            assertTrue(browser.text(".nhsuk-notification-banner").contains("returned"));
            assertTrue(!browser.text(".nhsuk-table").contains(submittedTitle));

            browser.clickText("Peer support for young people");
            browser.clickText("Publish");
            browser.waitForUrl(platform.libraryUrl + "/library/moderation");
            assertTrue(browser.text(".nhsuk-notification-banner").contains("published"));
            assertTrue(browser.text("main").contains("Nothing is waiting for moderation"));
            browser.assertAccessible("library-moderation-empty");
        }
    }

    @Test
    @Order(3)
    void providerUploadsAFileAndReadsTheReport() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open(platform.ingestUrl + "/");
            assertEquals("Submit mental health data", browser.text("h1"));
            browser.assertAccessible("ingest-home");
            browser.screenshot("ingest-home");

            browser.clickText("Sign in");
            browser.screenshot("keycloak-login");
            browser.signIn("provider.rv5", "demo");
            browser.waitForUrl(platform.ingestUrl + "/upload");
            assertEquals("Upload a file", browser.text("h1"));
            assertTrue(browser.text("main").contains("RV5"));
            browser.assertAccessible("ingest-upload");
            browser.screenshot("ingest-upload");

            browser.clickText("Upload and validate");
            assertEquals("There is a problem", browser.text(".nhsuk-error-summary__title"));
            assertTrue(browser.text("#period-error").contains("reporting period"));
            browser.assertAccessible("ingest-upload-errors");
            browser.screenshot("ingest-upload-errors");

            // A file with two bad rows: rejected, with the row-level problems and data quality.
            String header = "personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,inContact,detentions,ctos,restrictiveInterventions\n";
            Path bad = Files.createTempFile("mhsds-bad-", ".csv");
            Files.writeString(bad, header
                    + "P1,M,1,34,QKK,2,Y,1,0,0\n"
                    + "P2,QQ,1,40,QKK,3,Y,0,0,0\n"
                    + "P3,A,2,200,QKK,,Y,0,0,0\n"
                    + "P4,Z,2,51,QKK,5,N,0,0,0\n");
            upload(browser, "2022-05", bad);
            assertEquals("Submission rejected", browser.text("#outcome-title"));
            assertTrue(browser.text("#errors").contains("Problems found"));
            assertTrue(browser.all("table.nhsuk-table").size() >= 2);
            assertTrue(browser.element("a[href$='/errors.csv']").isDisplayed());
            browser.assertAccessible("ingest-report-rejected");
            browser.screenshot("ingest-report-rejected");

            Path good = Files.createTempFile("mhsds-good-", ".csv");
            Files.writeString(good, header
                    + "P1,M,1,34,QKK,2,Y,1,0,0\n"
                    + "P2,A,2,40,QKK,3,Y,0,0,0\n"
                    + "P3,Z,1,27,QKK,,N,0,0,0\n");
            browser.open(platform.ingestUrl + "/upload");
            upload(browser, "2022-06", good);
            assertEquals("Success", browser.text("#outcome-title"));
            assertTrue(browser.text(".nhsuk-notification-banner").contains("3 records"));
            // The page follows it until the indicator service has counted it.
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class).until(d ->
                    "COUNTED".equals(d.findElement(By.cssSelector("[data-status]")).getText()));
            assertTrue(browser.text("[data-outcome]").startsWith("Counted in the indicators at"),
                    browser.text("[data-outcome]"));
            browser.assertAccessible("ingest-report-accepted");
            browser.screenshot("ingest-report-accepted");

            // A rejected file is the first thing in "Recent submissions" after sending it, not
            // behind every accepted one (rejected files have no version).
            browser.open(platform.ingestUrl + "/upload");
            upload(browser, "2022-07", bad);
            assertEquals("Submission rejected", browser.text("#outcome-title"));
            browser.open(platform.ingestUrl + "/upload");
            String newest = browser.text("table.nhsuk-table tbody tr");
            assertTrue(newest.contains("2022-07"), "the newest row is the rejected file: " + newest);
            Files.deleteIfExists(bad);
            Files.deleteIfExists(good);
        }
    }

    /** Fills the upload form and waits on the progress page until the report is shown. */
    private void upload(Browser browser, String period, Path file) {
        new Select(browser.element("#dataset")).selectByValue("MHSDS");
        browser.type("#period", period);
        browser.element("#file").sendKeys(file.toString());
        browser.clickText("Upload and validate");
        browser.waitForUrl(platform.ingestUrl + "/upload/submissions/");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d ->
                "false".equals(d.findElement(By.id("progress")).getAttribute("data-working")));
    }
}
