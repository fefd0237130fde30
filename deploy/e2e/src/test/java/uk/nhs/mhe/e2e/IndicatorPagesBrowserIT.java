package uk.nhs.mhe.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indicator pages in a real browser (headless Chromium, {@link Browser}) against the whole
 * {@link Platform}: real PostgreSQL, Kafka and Keycloak and the packaged services. Five months of
 * MHSDS go in through the ingest API; the pages are walked as the public would (default view,
 * another selection, trend, funnel plot, CSV download, an error) and then after signing in as
 * {@code assurance.london} through Keycloak's login form (exact figures, London by default).
 * Every page is checked with axe-core and saved under {@code deploy/e2e/target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IndicatorPagesBrowserIT {

    private static final String MHA = "mha-detention-rate";
    private static final String[] MONTHS = {"2022-05", "2022-06", "2022-07", "2022-08", "2022-09"};
    private static final String LATEST = MONTHS[MONTHS.length - 1];
    private static final String POPULATION_2022 = """
            areaCode,ethnicCategory,ageBand,sex,population
            QMJ,A,20-24,1,250000
            QMJ,A,20-24,2,250000
            QMJ,M,30-34,1,60000
            QMJ,N,30-34,2,50000
            QKK,A,40-44,1,400000
            QKK,N,40-44,2,80000
            QYG,A,50-54,1,700000
            QYG,H,50-54,2,90000
            """;

    private Platform platform;
    private Api api;
    private long englandLatest;

    @BeforeAll
    void start() throws Exception {
        platform = new Platform();
        api = new Api(platform.keycloak.tokenEndpoint());
        Api.Response population = api.putCsv(platform.indicatorUrl + "/api/v1/reference/population?year=2022",
                api.clientToken("mhe-admin"), POPULATION_2022);
        assertEquals(200, population.status(), String.valueOf(population.body()));
        String provider = api.clientToken("provider-rv5");
        for (int m = 0; m < MONTHS.length; m++) {
            List<Map<String, Object>> records = new ArrayList<>();
            // More detentions of Black people each month: a trend, and a disparity against White.
            add(records, MONTHS[m], "QMJ", "A", 25, 1);
            add(records, MONTHS[m], "QMJ", "M", 6 + 2 * m, 2);
            add(records, MONTHS[m], "QMJ", "N", 4 + m, 1);
            add(records, MONTHS[m], "QKK", "A", 10, 1);
            add(records, MONTHS[m], "QKK", "N", 9 + m, 1);
            add(records, MONTHS[m], "QYG", "A", 7, 1);
            add(records, MONTHS[m], "QYG", "H", 3, 1);
            // Two detentions with ethnicity not stated: suppressed in the public view.
            add(records, MONTHS[m], "QKK", "Z", 2, 1);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dataset", "MHSDS");
            body.put("provider", "RV5");
            body.put("period", MONTHS[m]);
            body.put("records", records);
            Api.Response accepted = api.postJson(platform.ingestUrl + "/api/v1/submissions", provider, body);
            assertEquals(201, accepted.status(), String.valueOf(accepted.body()));
            englandLatest = records.stream().mapToLong(r -> ((Number) r.get("detentions")).longValue()).sum();
        }
        awaitValues();
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static void add(List<Map<String, Object>> records, String month, String icb, String ethnic, int people,
            int detentions) {
        for (int i = 0; i < people; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("personId", "WEB-" + month + "-" + icb + "-" + ethnic + "-" + records.size());
            r.put("ethnicCategory", ethnic);
            r.put("gender", i % 2 == 0 ? "1" : "2");
            r.put("ageYears", 20 + i);
            r.put("residenceIcb", icb);
            r.put("imdDecile", 1 + i % 10);
            r.put("inContact", "Y");
            r.put("detentions", detentions);
            r.put("ctos", 0);
            r.put("restrictiveInterventions", 0);
            records.add(r);
        }
    }

    /** Until the latest month's England total is there (recalculation runs as submissions arrive). */
    private void awaitValues() throws Exception {
        String token = api.userToken("assurance.london");
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            boolean all = true;
            for (String month : MONTHS) {
                Api.Response r = api.get(platform.indicatorUrl + "/api/v1/indicators/" + MHA + "/data?breakdown=none&period="
                        + month, token);
                all &= r.status() == 200 && r.body().at("/rows/0/numerator").asLong() > 0;
            }
            Api.Response latest = api.get(platform.indicatorUrl + "/api/v1/indicators/" + MHA
                    + "/data?breakdown=none&period=" + LATEST, token);
            if (all && latest.body().at("/rows/0/numerator").asLong() == englandLatest) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("indicator values did not arrive");
    }

    private static void waitForUrlContaining(Browser browser, String part) {
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> d.getCurrentUrl().contains(part));
    }

    private static List<WebElement> bodyRows(Browser browser, String table) {
        return browser.all("#" + table + " tbody tr");
    }

    private static WebElement row(Browser browser, String table, String label) {
        return bodyRows(browser, table).stream().filter(r -> r.findElement(org.openqa.selenium.By.tagName("th"))
                .getText().startsWith(label)).findFirst().orElseThrow(() -> new AssertionError("no row " + label));
    }

    @Test
    @Order(1)
    void publicDefaultViewSelectionTrendFunnelAndCsv() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open(platform.indicatorUrl + "/");
            assertEquals("Mental Health Act detentions per 100,000 population", browser.text("h1"));
            assertEquals("England, September 2022", browser.text(".nhsuk-caption-l"));
            assertTrue(browser.text("#view-banner").contains("Public view"));
            assertEquals("Log in", browser.text(".nhsuk-header__account-link"));
            assertEquals(7, bodyRows(browser, "groups-table").size(), "one row per broad ethnic group");
            assertTrue(row(browser, "groups-table", "Not stated").getText().contains("Suppressed"));
            assertTrue(row(browser, "groups-table", "Black").getText().contains("Worse"),
                    row(browser, "groups-table", "Black").getText());
            assertEquals("img", browser.element("svg.mhe-bar-chart").getAttribute("role"));
            assertFalse(browser.all("svg.mhe-bar-chart g.bar.suppressed").isEmpty(), "suppressed drawn as a gap");
            browser.assertAccessible("indicator-home");
            browser.screenshot("indicator-home");

            // Another selection through the form (no JavaScript needed: a GET form and a button).
            new Select(browser.element("#area")).selectByValue("QMJ");
            new Select(browser.element("#breakdown")).selectByValue("ethnicity");
            browser.submit("#show");
            browser.waitForUrl(platform.indicatorUrl + "/indicators/" + MHA + "?area=QMJ");
            assertTrue(browser.text(".nhsuk-caption-l").contains("North Central London"), browser.text(".nhsuk-caption-l"));
            assertTrue(browser.text("#groups-table caption").contains("by ethnic category"));
            assertTrue(browser.text("#groups-table").contains("Caribbean"));
            browser.assertAccessible("indicator-selection");
            browser.screenshot("indicator-selection");

            // Trend of one group, monthly.
            new Select(browser.element("#group")).selectByValue("M");
            browser.click("label[for='periodType-month']");
            browser.submit("#show-trend");
            waitForUrlContaining(browser, "#trend");
            assertTrue(browser.driver().getCurrentUrl().contains("group=M"));
            assertFalse(browser.text("#trend-label").isBlank());
            assertEquals(MONTHS.length, bodyRows(browser, "trend-table").size());
            assertTrue(browser.element("svg.mhe-trend-chart").getAttribute("aria-labelledby").contains("trend-chart-desc"));
            browser.assertAccessible("indicator-trend");
            browser.screenshot("indicator-trend");

            // Funnel plot over ICBs.
            browser.click("label[for='areaType-ICB']");
            browser.submit("#show-funnel");
            waitForUrlContaining(browser, "#funnel");
            assertTrue(browser.driver().getCurrentUrl().contains("areaType=ICB"));
            assertTrue(browser.all("svg.mhe-funnel-plot path.limit-998").size() == 2);
            assertTrue(browser.text("#funnel-table").contains("North Central London"));
            browser.assertAccessible("indicator-funnel");
            browser.screenshot("indicator-funnel");

            // CSV download: the link answers the API's CSV (public, like the page).
            String href = browser.element("#data-csv-link").getAttribute("href");
            HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertTrue(csv.body().startsWith("indicator,area,period,breakdown,view,group"), csv.body());
            assertTrue(csv.body().contains(",public,"));

            // An unknown period: a friendly page listing the periods there are.
            browser.open(platform.indicatorUrl + "/indicators/" + MHA + "?period=2099-01");
            assertEquals("Period not available", browser.text("h1"));
            assertTrue(browser.text("#available-options").contains("September 2022"));
            browser.assertAccessible("indicator-error");
            browser.screenshot("indicator-error");
        }
    }

    @Test
    @Order(2)
    void assuranceUserSignsInAndSeesExactFiguresForTheirRegion() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open(platform.indicatorUrl + "/indicators/" + MHA + "?area=ENGLAND&period=" + LATEST
                    + "&breakdown=broad-ethnicity");
            assertTrue(row(browser, "groups-table", "Not stated").getText().contains("Suppressed"));
            browser.clickText("Log in");
            browser.screenshot("indicator-keycloak-login");
            browser.signIn("assurance.london", "demo");
            browser.waitForUrl(platform.indicatorUrl + "/indicators/" + MHA);
            assertTrue(browser.text("#view-banner").contains("Exact figures: you are signed in with the assurance role"));
            assertTrue(browser.text(".nhsuk-header__account").contains("assurance.london"));
            String notStated = row(browser, "groups-table", "Not stated").getText();
            assertFalse(notStated.contains("Suppressed"), notStated);
            assertTrue(notStated.contains("2"), "the exact count: " + notStated);
            browser.assertAccessible("indicator-exact");
            browser.screenshot("indicator-exact");

            // Without a chosen area, an assurance user starts on their region (claim region=Y56).
            browser.open(platform.indicatorUrl + "/");
            assertTrue(browser.text(".nhsuk-caption-l").contains("London"), browser.text(".nhsuk-caption-l"));
            browser.screenshot("indicator-home-assurance");

            browser.clickText("Log out");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> browser.text(".nhsuk-header__account")
                    .contains("Log in"));
            assertTrue(browser.text("#view-banner").contains("Public view"));
        }
    }
}
