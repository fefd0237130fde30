package uk.nhs.mhe.indicator.web.chart;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import uk.nhs.mhe.indicator.stats.Assessment;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BarChartTest {

    private static final List<BarChart.Bar> BARS = List.of(
            new BarChart.Bar("White", 23.6, 20.5, 27.0, 25.0, Assessment.SIMILAR, false),
            new BarChart.Bar("Black", 137.5, 103.6, 178.9, 25.0, Assessment.WORSE, false),
            new BarChart.Bar("Mixed", null, null, null, 25.0, Assessment.NOT_COMPARED, true),
            new BarChart.Bar("Asian", 14.2, 10.1, 19.4, 25.0, Assessment.BETTER, false));

    private static SvgDocument chart(List<BarChart.Bar> bars) throws Exception {
        return new SvgDocument(new BarChart("bars", "Detentions by broad ethnic group", "per 100,000", "England", bars).svg());
    }

    @Test
    void isAnImageLabelledByItsTitleAndDescription() throws Exception {
        SvgDocument svg = chart(BARS);
        assertEquals("img", svg.root().getAttribute("role"));
        assertEquals("bars-title bars-desc", svg.root().getAttribute("aria-labelledby"));
        assertEquals("Detentions by broad ethnic group", svg.text("/svg/title[@id='bars-title']"));
        String desc = svg.text("/svg/desc[@id='bars-desc']");
        assertTrue(desc.contains("Highest: Black 137.5"), desc);
        assertTrue(desc.contains("Worse than the benchmark: Black"), desc);
        assertTrue(desc.contains("Suppressed (small numbers): Mixed"), desc);
    }

    @Test
    void drawsOneRowPerGroupAndABarForEachShownValue() throws Exception {
        SvgDocument svg = chart(BARS);
        assertEquals(4, svg.all("//g[contains(@class,'bar')]").size());
        assertEquals(3, svg.all("//rect[contains(@class,'value')]").size());
        assertEquals(3, svg.all("//g[@class='whisker']").size());
    }

    @Test
    void whiskerSpansTheIntervalAroundTheBarEnd() throws Exception {
        SvgDocument svg = chart(BARS);
        Element black = svg.all("//g[@data-group='Black']").get(0);
        Element bar = svg.all("//g[@data-group='Black']/rect[contains(@class,'value')]").get(0);
        Element whisker = svg.all("//g[@data-group='Black']/g[@class='whisker']/line").get(0);
        double barEnd = SvgDocument.number(bar, "x") + SvgDocument.number(bar, "width");
        double lower = SvgDocument.number(whisker, "x1");
        double upper = SvgDocument.number(whisker, "x2");
        assertTrue(lower < barEnd && barEnd < upper, lower + " < " + barEnd + " < " + upper);
        assertTrue(upper <= BarChart.PLOT_RIGHT, "whisker inside the plot");
        assertEquals("Black", black.getAttribute("data-group"));
    }

    @Test
    void showsComparisonAsWordsAndAHatchNotOnlyColour() throws Exception {
        SvgDocument svg = chart(BARS);
        assertEquals("Worse", svg.text("//g[@data-group='Black']/text[@class='comparison']"));
        assertEquals("Better", svg.text("//g[@data-group='Asian']/text[@class='comparison']"));
        assertEquals("Similar", svg.text("//g[@data-group='White']/text[@class='comparison']"));
        assertEquals("url(#bars-hatch)", svg.all("//g[@data-group='Black']/rect").get(0).getAttribute("fill"));
    }

    @Test
    void drawsASuppressedGroupAsALabelledGap() throws Exception {
        SvgDocument svg = chart(BARS);
        List<Element> mixed = svg.all("//g[@data-group='Mixed']");
        assertEquals("bar suppressed", mixed.get(0).getAttribute("class"));
        assertTrue(svg.all("//g[@data-group='Mixed']/rect[contains(@class,'value')]").isEmpty());
        assertEquals(1, svg.all("//g[@data-group='Mixed']/rect[@class='gap']").size());
        assertEquals("suppressed", svg.text("//g[@data-group='Mixed']/text[2]"));
    }

    @Test
    void drawsOneDashedLabelledBenchmarkLineWhenEveryGroupSharesIt() throws Exception {
        SvgDocument svg = chart(BARS);
        List<Element> lines = svg.all("//g[@class='benchmark']/line");
        assertEquals(1, lines.size());
        assertEquals("6 4", svg.all("//g[@class='benchmark']").get(0).getAttribute("stroke-dasharray"));
        assertEquals("England 25.0", svg.text("//g[@class='benchmark']/text"));
    }

    @Test
    void marksEachGroupsOwnBenchmarkWhenTheyDiffer() throws Exception {
        SvgDocument svg = chart(List.of(
                new BarChart.Bar("White", 23.6, 20.5, 27.0, 25.0, Assessment.SIMILAR, false),
                new BarChart.Bar("Black", 137.5, 103.6, 178.9, 90.0, Assessment.WORSE, false)));
        assertEquals(2, svg.all("//g[@class='benchmark']/line").size());
    }

    @Test
    void escapesLabelsAndTitles() throws Exception {
        String svg = new BarChart("x", "A <b> & \"c\"", "per 100,000", "England",
                List.of(new BarChart.Bar("<script>alert('x')</script>", 1.0, 0.5, 2.0, 1.0, Assessment.SIMILAR, false))).svg();
        assertFalse(svg.contains("<script>"));
        assertTrue(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        SvgDocument doc = new SvgDocument(svg);
        assertEquals("A <b> & \"c\"", doc.text("/svg/title"));
    }
}
