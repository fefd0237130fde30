package uk.nhs.mhe.indicator.web.chart;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunnelPlotTest {

    private static SvgDocument plot() throws Exception {
        List<FunnelPlot.Limits> limits = new ArrayList<>();
        for (int n = 100; n <= 1000; n += 100) {
            double half = 300 / Math.sqrt(n);
            limits.add(new FunnelPlot.Limits(n, 50 - half, 50 + half, 50 - 1.6 * half, 50 + 1.6 * half));
        }
        return new SvgDocument(new FunnelPlot("funnel", "Recovery by ICB", "%", "people who finished a course", 50.0,
                List.of(new FunnelPlot.AreaPoint("QMJ", "North Central London", 500.0, 51.0, FunnelPlot.Position.INSIDE, false),
                        new FunnelPlot.AreaPoint("QKK", "South East London", 1000.0, 70.0, FunnelPlot.Position.ABOVE_998, false),
                        new FunnelPlot.AreaPoint("QRV", "North West London", 300.0, 30.0, FunnelPlot.Position.BELOW_95, false),
                        new FunnelPlot.AreaPoint("QWE", "South West London", null, null, null, true)),
                limits).svg());
    }

    @Test
    void drawsFourLimitCurvesAndTheAverage() throws Exception {
        SvgDocument svg = plot();
        List<Element> dashed = svg.all("//path[@class='limit-95']");
        assertEquals(2, dashed.size());
        assertEquals("6 4", dashed.get(0).getAttribute("stroke-dasharray"));
        assertEquals(2, svg.all("//path[@class='limit-998']").size());
        assertEquals(1, svg.all("//line[@class='average']").size());
    }

    @Test
    void upperLimitsLieAboveLowerLimits() throws Exception {
        SvgDocument svg = plot();
        String upper = svg.all("//path[@class='limit-998']").get(0).getAttribute("d");
        String lower = svg.all("//path[@class='limit-998']").get(1).getAttribute("d");
        // Same x, smaller y (higher on screen) for the upper limit at the first denominator.
        double yUpper = Double.parseDouble(upper.split(" ")[1]);
        double yLower = Double.parseDouble(lower.split(" ")[1]);
        assertTrue(yUpper < yLower);
    }

    @Test
    void marksPositionByShapeAndLabelsOutliers() throws Exception {
        SvgDocument svg = plot();
        assertEquals(1, svg.all("//g[@data-area='QMJ']/circle").size());
        assertEquals(1, svg.all("//g[@data-area='QKK']/rect").size());
        assertEquals("QKK", svg.text("//g[@data-area='QKK']/text"));
        assertEquals(1, svg.all("//g[@data-area='QRV']/path").size());
        assertTrue(svg.all("//g[@data-area='QWE']").isEmpty(), "a suppressed area is not plotted");
        assertTrue(svg.text("/svg/desc").contains("Not plotted, suppressed (small numbers): South West London"));
        assertTrue(svg.text("/svg/desc").contains("1 above the 99.8% upper limit: South East London"));
        assertTrue(svg.text("//g[@class='legend']").contains("99.8% limits"));
    }
}
