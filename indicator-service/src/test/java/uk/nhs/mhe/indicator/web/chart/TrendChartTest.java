package uk.nhs.mhe.indicator.web.chart;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrendChartTest {

    private static final List<TrendChart.Point> POINTS = List.of(
            new TrendChart.Point("2030-08", 19.2, 16.9, 21.7, false),
            new TrendChart.Point("2030-09", 21.0, 18.6, 23.6, false),
            new TrendChart.Point("2030-10", null, null, null, true),
            new TrendChart.Point("2030-11", 24.6, 22.0, 27.4, false),
            new TrendChart.Point("2030-12", 26.2, 23.5, 29.1, false));

    private static SvgDocument chart() throws Exception {
        return new SvgDocument(new TrendChart("trend", "Trend <White>", "%", POINTS, "Increasing and getting better",
                List.of("2030-08", "2030-09", "2030-10", "2030-11", "2030-12")).svg());
    }

    @Test
    void namesTheRecentTrendOnTheChartAndInItsDescription() throws Exception {
        SvgDocument svg = chart();
        assertEquals("Recent trend: Increasing and getting better", svg.text("//text[@class='trend-label']"));
        assertTrue(svg.text("/svg/desc").contains("Recent trend: Increasing and getting better (over 2030-08 to 2030-12)"));
        assertEquals("Trend <White>", svg.text("/svg/title"));
        assertEquals(1, svg.all("//g[@class='recent-trend-window']").size());
    }

    @Test
    void drawsAPointAndWhiskerPerShownPeriodAndBreaksTheLineAtASuppressedOne() throws Exception {
        SvgDocument svg = chart();
        assertEquals(4, svg.all("//g[@class='point']/circle").size());
        assertEquals(4, svg.all("//g[@class='point']/g[@class='whisker']").size());
        assertEquals(2, svg.all("//path[@class='trend-line']").size());
        assertEquals("suppressed", svg.text("//g[@data-period='2030-10']/text"));
    }

    @Test
    void whiskerRunsFromLowerToUpperLimitThroughThePoint() throws Exception {
        SvgDocument svg = chart();
        Element circle = svg.all("//g[@data-period='2030-12']/circle").get(0);
        Element whisker = svg.all("//g[@data-period='2030-12']/g[@class='whisker']/line").get(0);
        double y = SvgDocument.number(circle, "cy");
        // SVG y grows downwards: the lower limit is drawn below the point.
        assertTrue(SvgDocument.number(whisker, "y1") > y && y > SvgDocument.number(whisker, "y2"));
    }
}
