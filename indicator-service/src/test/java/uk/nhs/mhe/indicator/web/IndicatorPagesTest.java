package uk.nhs.mhe.indicator.web;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.stats.CrudeRate;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.Observation;
import uk.nhs.mhe.indicator.stats.Polarity;
import uk.nhs.mhe.indicator.stats.RecentTrend;
import uk.nhs.mhe.indicator.web.chart.Numbers;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indicator pages over values written straight into the store (real embedded PostgreSQL,
 * embedded Kafka, OIDC test server; page requests carry TestTokens bearer tokens, which the
 * {@code web} tenant accepts in tests only). Periods are in 2032, which no other test writes, and
 * the areas' 2032 values are only of the broad-ethnicity breakdown (and England's total), so the
 * trends other tests ask for are unchanged.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class IndicatorPagesTest {

    private static final String MHA = "mha-detention-rate";
    private static final String LATEST = "2032-05";
    private static final long[] WHITE = {1200, 1250, 1290, 1330, 1362};
    private static final String[] MONTHS = {"2032-01", "2032-02", "2032-03", "2032-04", LATEST};

    private static boolean written;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void values() throws Exception {
        if (written) {
            return;
        }
        PageTestValues v = new PageTestValues();
        for (int i = 0; i < MONTHS.length; i++) {
            // England: "Not stated" (3) is suppressed in public; "Other" (21) is shown, rounded to 20.
            v.rates(MHA, "ENGLAND", MONTHS[i], "broad-ethnicity", "White", "White", WHITE[i], 5_400_000,
                    "Mixed", 52, 250_000, "Asian", 157, 870_000, "Black", 257, 600_000, "Other", 21, 250_000,
                    "Not stated", 3, 68_000, "Not known", 31, 59_000);
            v.rates(MHA, "ENGLAND", MONTHS[i], "none", null, "All", WHITE[i] + 421, 7_497_000);
        }
        v.rates(MHA, "Y56", LATEST, "broad-ethnicity", "White", "White", 362, 1_400_000, "Mixed", 2, 50_000,
                "Asian", 57, 270_000, "Black", 57, 200_000, "Other", 11, 50_000, "Not stated", 6, 18_000,
                "Not known", 11, 9_000);
        v.rates(MHA, "QMJ", LATEST, "broad-ethnicity", "White", "White", 212, 900_000, "Mixed", 9, 30_000,
                "Asian", 17, 120_000, "Black", 40, 40_000, "Other", 6, 20_000, "Not stated", 6, 10_000,
                "Not known", 5, 5_000);
        v.rates(MHA, "QKK", LATEST, "broad-ethnicity", "White", "White", 150, 500_000, "Mixed", 8, 20_000,
                "Asian", 40, 150_000, "Black", 17, 160_000, "Other", 5, 30_000, "Not stated", 0, 8_000,
                "Not known", 6, 4_000);
        v.write(dataSource);
        written = true;
    }

    private static Response page(String path) {
        return given().redirects().follow(false).when().get(path);
    }

    private static Response pageAsAssurance(String path) {
        return given().auth().oauth2(TestTokens.assurance()).redirects().follow(false).when().get(path);
    }

    /** The inner HTML of the element with this id (tables and sections here do not nest their own kind). */
    private static String element(String html, String tag, String id) {
        Matcher m = Pattern.compile("<" + tag + "[^>]*\\bid=\"" + id + "\"[^>]*>(.*?)</" + tag + ">", Pattern.DOTALL)
                .matcher(html);
        assertTrue(m.find(), "no <" + tag + " id=" + id + ">");
        return m.group(1);
    }

    private static List<String> tableRows(String table) {
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("<tr class=\"nhsuk-table__row[^\"]*\">(.*?)</tr>", Pattern.DOTALL).matcher(table);
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows.subList(1, rows.size()); // the header row
    }

    private static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void pagesAndCsvDownloadsAreNeverKeptBySharedCaches() {
        // The same address shows exact figures to an assurance user and the public view to others.
        assertEquals("private, no-store", page("/").header("Cache-Control"));
        assertEquals("private, no-store", page("/indicators/" + MHA + "/data.csv?breakdown=broad-ethnicity")
                .header("Cache-Control"));
    }

    @Test
    void homeShowsTheDefaultViewWithoutLogin() {
        Response r = page("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("text/html"));
        String html = r.asString();
        assertTrue(html.contains("<h1 class=\"nhsuk-heading-l\">Mental Health Act detentions per 100,000 population</h1>"));
        assertTrue(html.contains("England, May 2032"), "England, latest period");
        assertTrue(html.contains("Public view"));
        assertTrue(html.contains("href=\"/login?next=%2F\">Log in</a>"), "a Log in link back to this page");
        assertTrue(html.contains("href=\"/nhsuk/nhsuk-frontend.min.css\""));

        String table = element(html, "table", "groups-table");
        List<String> rows = tableRows(table);
        assertEquals(7, rows.size(), "one row per broad ethnic group");
        assertTrue(rows.get(0).contains("White") && rows.get(0).contains("(reference group)"));
        assertTrue(rows.get(5).contains("Not stated") && rows.get(5).contains("Suppressed"));
        // No secondary suppression: Other's 21 is published as 20, and its rate is 20's, not 21's.
        assertTrue(rows.get(4).contains("Other") && !rows.get(4).contains("Suppressed"), rows.get(4));
        assertTrue(rows.get(4).contains(">20<"), "21 rounds to 20: " + rows.get(4));
        String otherRate = Numbers.value(CrudeRate.of(20, 250_000, CrudeRate.PER_100_000).value());
        assertTrue(rows.get(4).contains(">" + otherRate + "<"), otherRate + ": " + rows.get(4));
        assertFalse(rows.get(4).contains(">" + Numbers.value(CrudeRate.of(21, 250_000, CrudeRate.PER_100_000).value())
                + "<"), "not the rate of the exact 21: " + rows.get(4));
        assertTrue(rows.get(0).contains(">1,360<"), "England's counts are rounded too: " + rows.get(0));
        assertTrue(html.contains("id=\"suppression-note\""), "suppression is explained");
        assertTrue(html.contains("is rounded to a multiple of 5 (up or down by at most 4, chosen at random but the same each time), a breakdown (or a standardised rate) is shown only where the count it splits is 20 or more, and every rate"), "the banner states the rule");
        assertTrue(rows.get(3).contains("nhsuk-tag--red\">Worse"), "Black detention rate is worse than England's");

        String svg = html;
        assertTrue(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mhe-chart mhe-bar-chart\""));
        assertTrue(svg.contains("role=\"img\" aria-labelledby=\"bar-chart-title bar-chart-desc\""));
        assertEquals(6, count(html, "<rect class=\"value "), "a bar for each shown group");
        assertEquals(1, count(html, "<g class=\"bar suppressed\""), "a labelled gap for each suppressed group");
    }

    @Test
    void assuranceUserSeesExactFiguresOfTheirRegion() {
        String html = pageAsAssurance("/").asString();
        assertTrue(html.contains("Exact figures: you are signed in with the assurance role"));
        assertTrue(html.contains("Signed in as assurance.london"));
        assertTrue(html.contains("London, May 2032"), "the region claim chooses the default area");
        assertFalse(html.contains("Public view"));
        List<String> rows = tableRows(element(html, "table", "groups-table"));
        assertTrue(rows.get(1).contains("Mixed") && rows.get(1).contains(">2<"), "the exact count 2: " + rows.get(1));
        assertFalse(element(html, "table", "groups-table").contains("Suppressed"));
    }

    @Test
    void publicViewOfARegionHidesSmallCounts() {
        String html = page("/indicators/" + MHA + "?area=Y56&period=" + LATEST + "&breakdown=broad-ethnicity").asString();
        List<String> rows = tableRows(element(html, "table", "groups-table"));
        assertTrue(rows.get(1).contains("Mixed") && rows.get(1).contains("Suppressed"));
        assertTrue(rows.get(0).contains(">360<"), "sub-national counts rounded to 5: " + rows.get(0));
    }

    @Test
    void pageHonoursTheSelectionAndOffersOnlyWhatApplies() {
        String html = page("/indicators/" + MHA + "?area=QMJ&period=" + LATEST
                + "&breakdown=broad-ethnicity&benchmark=parent").asString();
        assertTrue(html.contains("North Central London"), "the ICB's name");
        assertTrue(html.contains("Groups compared with the benchmark (London)"), "parent benchmark: the region");
        assertTrue(html.contains("<option value=\"QMJ\" selected>"));
        assertTrue(html.contains("id=\"benchmark-parent\" name=\"benchmark\" type=\"radio\" value=\"parent\" checked"));
        assertFalse(html.contains("<option value=\"RV5\""), "no providers for a population rate");
        assertTrue(html.contains("<option value=\"" + LATEST + "\" selected>May 2032</option>"));
        assertTrue(html.contains("<button class=\"nhsuk-button\" data-module=\"nhsuk-button\" type=\"submit\" id=\"show\">"),
                "a submit button: the form works without JavaScript");
    }

    @Test
    void trendSectionNamesTheRecentTrend() {
        String html = page("/indicators/" + MHA + "?breakdown=broad-ethnicity&group=White&periodType=month").asString();
        List<Observation> five = new ArrayList<>();
        for (long x : WHITE) {
            // The public page's trend is tested on the published counts.
            five.add(new Observation(DisclosureControl.publishCount(MHA, x), 5_400_000));
        }
        String expected = Wording.trend(RecentTrend.forRates(five).trend(), Polarity.LOW_IS_GOOD);
        assertTrue(html.contains("id=\"trend-label\">" + expected + "</strong>"), expected);
        // This test's own months (2032); other tests of the service may have left earlier ones.
        String table = element(html, "table", "trend-table");
        assertEquals(5, tableRows(table).stream().filter(row -> row.contains("2032")).count());
        assertTrue(html.contains("class=\"mhe-chart mhe-trend-chart\""));
        assertEquals(5, count(html, "<g class=\"point\" data-period=\"2032-"));
    }

    @Test
    void funnelSectionPlotsEveryIcbWithItsLimits() {
        String html = page("/indicators/" + MHA + "?period=" + LATEST + "&breakdown=broad-ethnicity&group=Black&areaType=ICB")
                .asString();
        assertTrue(html.contains("class=\"mhe-chart mhe-funnel-plot\""));
        assertTrue(html.contains("data-area=\"QMJ\""));
        assertTrue(html.contains("data-area=\"QKK\""));
        assertEquals(2, count(html, "class=\"limit-95\""));
        assertEquals(2, count(html, "class=\"limit-998\""));
        List<String> rows = tableRows(element(html, "table", "funnel-table"));
        assertEquals(2, rows.size());
    }

    @Test
    void funnelOfAStandardisedRateExplainsWhyThereIsNone() {
        String html = page("/indicators/" + MHA + "-dsr").asString();
        // No DSR values in this test: the whole page says so with what is available instead.
        assertTrue(html.contains("No data yet") || html.contains("No values"), html.substring(0, 200));
    }

    @Test
    void unknownIndicatorIsAFriendlyNotFoundPageListingTheIndicators() {
        Response r = page("/indicators/shoe-size");
        assertEquals(404, r.statusCode());
        assertTrue(r.contentType().startsWith("text/html"));
        String options = element(r.asString(), "ul", "available-options");
        assertTrue(options.contains("href=\"/indicators/mha-detention-rate\""));
        assertTrue(options.contains("NHS Talking Therapies recovery"));
    }

    @Test
    void unknownPeriodAreaOrBreakdownListWhatIsAvailable() {
        Response period = page("/indicators/" + MHA + "?period=2099-01&breakdown=broad-ethnicity");
        assertEquals(404, period.statusCode());
        String periods = element(period.asString(), "ul", "available-options");
        assertTrue(periods.contains("href=\"/indicators/mha-detention-rate?period=2032-05&amp;breakdown=broad-ethnicity\">May 2032</a>"),
                periods);

        Response area = page("/indicators/" + MHA + "?area=NOWHERE");
        assertEquals(404, area.statusCode());
        String areas = element(area.asString(), "ul", "available-options");
        assertTrue(areas.contains("href=\"/indicators/mha-detention-rate?area=QMJ\">") && areas.contains("North Central London"));

        Response provider = page("/indicators/" + MHA + "?area=RV5");
        assertEquals(400, provider.statusCode(), "a provider is no area of a population rate");

        Response breakdown = page("/indicators/" + MHA + "?breakdown=shoe-size");
        assertEquals(400, breakdown.statusCode());
        assertTrue(element(breakdown.asString(), "ul", "available-options").contains(">Broad ethnic group</a>"));
    }

    @Test
    void csvDownloadIsTheApisCsvForTheSameViewer() {
        String q = "?area=ENGLAND&period=" + LATEST + "&breakdown=broad-ethnicity";
        Response csv = page("/indicators/" + MHA + "/data.csv" + q);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"));
        assertTrue(csv.header("Content-Disposition").contains("mha-detention-rate_ENGLAND_2032-05_broad-ethnicity.csv"));
        String api = given().accept("text/csv").when().get("/api/v1/indicators/" + MHA + "/data" + q).asString();
        assertEquals(api, csv.asString());
        assertTrue(csv.asString().contains(",public,"));

        String exact = pageAsAssurance("/indicators/" + MHA + "/data.csv" + q).asString();
        assertTrue(exact.contains(",exact,"));

        Response trend = page("/indicators/" + MHA + "/trend.csv?breakdown=broad-ethnicity&group=White&periodType=month");
        assertEquals(200, trend.statusCode());
        assertEquals(5, java.util.Arrays.stream(trend.asString().split("\r\n")).filter(l -> l.contains("2032-")).count());
        assertEquals(200, page("/indicators/" + MHA + "/funnel.csv?period=" + LATEST
                + "&breakdown=broad-ethnicity&group=White").statusCode());
    }

    @Test
    void pageLinksItsCsvDownloads() {
        String html = page("/indicators/" + MHA + "?period=" + LATEST + "&breakdown=broad-ethnicity").asString();
        assertTrue(html.contains("href=\"/indicators/mha-detention-rate/data.csv?area=ENGLAND&amp;period=2032-05"
                + "&amp;breakdown=broad-ethnicity&amp;benchmark=england\""));
    }

    @Test
    void formRedirectsToTheChosenIndicatorKeepingWhatApplies() {
        Response r = page("/indicators?indicator=tt-recovery&area=QMJ&period=" + LATEST + "&breakdown=age-band&benchmark=england");
        assertEquals(303, r.statusCode());
        // tt-recovery has no 2032 values: the period is dropped, not carried into an error.
        assertTrue(r.header("Location").endsWith("/indicators/tt-recovery?area=QMJ&breakdown=age-band&benchmark=england"),
                r.header("Location"));
        Response narrower = page("/indicators?indicator=ethnicity-validity&area=QMJ&breakdown=age-band");
        assertTrue(narrower.header("Location").endsWith("/indicators/ethnicity-validity?area=QMJ"), narrower.header("Location"));
        assertEquals(200, page("/indicators").statusCode(), "without a choice: the catalogue");
    }

    @Test
    void loginStartsTheCodeFlowWithPkceAndReturnsOnlyToLocalPages() {
        Response start = page("/login?next=/indicators/cto-rate");
        assertEquals(302, start.statusCode());
        String location = start.header("Location");
        assertTrue(location.contains("client_id=mhe-web"), location);
        assertTrue(location.contains("code_challenge="), location);
        assertTrue(location.contains("code_challenge_method=S256"), location);

        Response back = pageAsAssurance("/login?next=/indicators/cto-rate");
        assertEquals(303, back.statusCode());
        assertTrue(back.header("Location").endsWith("/indicators/cto-rate"), back.header("Location"));
        assertTrue(pageAsAssurance("/login?next=//evil.example").header("Location").endsWith("/"));
    }

    @Test
    void apiStillAnswersWithoutRedirecting() {
        given().redirects().follow(false).when().get("/api/v1/indicators/" + MHA + "/data?period=" + LATEST)
                .then().statusCode(200).contentType("application/json");
    }
}
