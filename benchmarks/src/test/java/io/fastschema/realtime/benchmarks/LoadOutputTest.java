package io.fastschema.realtime.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The parsers and writers the load benchmark's numbers pass through. */
class LoadOutputTest {

  @Test
  void prometheusSumAddsLabelSetsAndSkipsPrefixSiblings() {
    String scrape =
        """
        # HELP fanout_messages_delivered_total messages
        # TYPE fanout_messages_delivered_total counter
        fanout_messages_delivered_total 1234.0
        fanout_connections_closed_total{code="1000"} 3.0
        fanout_connections_closed_total{code="4008",node="a b"} 2.0
        fanout_delivery_latency_seconds_max 0.5
        fanout_delivery_latency_seconds_count 9
        """;
    assertEquals(1234.0, PrometheusText.sum(scrape, "fanout_messages_delivered_total"));
    assertEquals(5.0, PrometheusText.sum(scrape, "fanout_connections_closed_total"));
    assertTrue(Double.isNaN(PrometheusText.sum(scrape, "fanout_delivery_latency_seconds")));
  }

  @Test
  void liveHeapIsTheHistogramTotal() {
    String jcmd =
        """
        2481:
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         41234        3456789  [B (java.base@17.0.15)
           2:          1234         123456  java.lang.String (java.base@17.0.15)
        Total        123456       12345678
        """;
    assertEquals(12_345_678L, LiveHeap.totalOf(jcmd));
  }

  @Test
  void procStatTimesSurviveSpacesInTheCommandName() {
    String stat =
        "4242 (postgres: x (y)) S 4200 4242 4242 0 -1 4194560 100 0 0 0 "
            + "150 25 7 3 20 0 1 0 100 1000 200 18446744073709551615";
    long[] t = ProcessStat.timesOf(stat);
    assertEquals(1_500_000_000L, t[0]);
    assertEquals(250_000_000L, t[1]);
    assertEquals(70_000_000L, t[2]);
    assertEquals(30_000_000L, t[3]);
    assertEquals(4200, ProcessStat.parentOf(stat));
  }

  @Test
  void expectedMessagesCountEachTouchedSubscriptionOnce() {
    Long[] rows = {10L, 11L, 12L, 13L};
    // 10 clients over 4 rows: rows 0,1 have 3 clients, rows 2,3 have 2.
    LoadLayout perRecord = new LoadLayout(rows, 10, 2, LoadSubscription.RECORD);
    assertEquals(6, perRecord.expectedMessages(0)); // rows 0,1
    assertEquals(4, perRecord.expectedMessages(1)); // rows 2,3
    assertEquals(List.of(12L, 13L), List.of(perRecord.rowsOf(1)));
    assertEquals(10, new LoadLayout(rows, 10, 2, LoadSubscription.SCHEMA).expectedMessages(1));
  }

  @Test
  void chartIsWellFormedSvgWithOneLinePerSeries() throws Exception {
    SvgChart chart =
        new SvgChart("Load: <sweep> & co", "note")
            .panel(
                new SvgChart.Panel(
                    "latency",
                    "ms",
                    List.of(
                        new SvgChart.Series(
                            "ours p99",
                            "#1f77b4",
                            false,
                            List.of(new double[] {10, 12.5}, new double[] {1000, 30})),
                        new SvgChart.Series(
                            "baseline p99",
                            "#d62728",
                            true,
                            List.of(new double[] {10, 40}, new double[] {1000, Double.NaN})))));
    String svg = chart.render();
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals("svg", doc.getDocumentElement().getNodeName());
    assertEquals(2, doc.getElementsByTagName("polyline").getLength());
    assertEquals(3, doc.getElementsByTagName("circle").getLength()); // NaN point left out
    assertTrue(svg.contains("Load: &lt;sweep&gt; &amp; co"));
  }

  @Test
  void decadesEncloseTheValues() {
    double[] r = SvgChart.decades(new double[] {12, 4500});
    assertEquals(10, r[0]);
    assertEquals(10_000, r[1]);
  }
}
