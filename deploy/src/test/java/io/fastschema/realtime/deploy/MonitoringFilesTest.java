package io.fastschema.realtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules use only metric names that exist: ours must
 * be defined by a meter in the code (so renaming a meter fails here), the database's must be
 * postgres-exporter's. The README's Operations table is held to the same rule.
 */
class MonitoringFilesTest {

  private static final Path ROOT = Path.of("..");
  private static final Path MONITORING = Path.of("monitoring");

  /** postgres-exporter's replication_slot collector (collector/pg_replication_slot.go). */
  private static final Set<String> POSTGRES_EXPORTER =
      Set.of(
          "pg_replication_slot_slot_current_wal_lsn",
              "pg_replication_slot_slot_confirmed_flush_lsn",
          "pg_replication_slot_slot_is_active", "pg_replication_slot_wal_status");

  /** Prometheus's own per-target series. */
  private static final Set<String> PROMETHEUS = Set.of("up");

  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "inf",
          "nan");
  private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  static Set<String> codeMeters() {
    return MeterNames.definedIn(
        ROOT.resolve("fanout-server/src/main/java"), ROOT.resolve("cdc-ingest/src/main/java"));
  }

  /** Metric names in a PromQL expression: identifiers that are not functions, labels or words. */
  static Set<String> metricNames(String promql) {
    String s =
        promql
            .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // strings
            .replaceAll("\\{[^}]*\\}", "") // label matchers
            .replaceAll("\\[[^\\]]*\\]", "") // ranges
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> out = new TreeSet<>();
    Matcher m = IDENT.matcher(s);
    while (m.find()) {
      String id = m.group();
      int next = m.end();
      while (next < s.length() && s.charAt(next) == ' ') {
        next++;
      }
      boolean function = next < s.length() && s.charAt(next) == '(';
      boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
      if (!function && !number && !PROMQL_WORDS.contains(id.toLowerCase())) {
        out.add(id);
      }
    }
    return out;
  }

  private static List<String> dashboardExpressions() throws Exception {
    JsonNode d =
        new ObjectMapper()
            .readTree(MONITORING.resolve("grafana/dashboards/fastschema-realtime.json").toFile());
    List<String> exprs = new ArrayList<>();
    d.path("panels")
        .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    return exprs;
  }

  private static List<String> alertExpressions() throws Exception {
    JsonNode rules = StrictModel.YAML.readTree(MONITORING.resolve("alerts.yml").toFile());
    List<String> exprs = new ArrayList<>();
    rules
        .path("groups")
        .forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asText())));
    return exprs;
  }

  private static void assertAllDefined(String what, List<String> exprs, int ours) {
    Set<String> code = codeMeters();
    Set<String> used = new TreeSet<>();
    List<String> undefined = new ArrayList<>();
    for (String e : exprs) {
      for (String name : metricNames(e)) {
        used.add(name);
        boolean known =
            code.contains(name) || POSTGRES_EXPORTER.contains(name) || PROMETHEUS.contains(name);
        if (!known) {
          undefined.add(name + " in " + e);
        }
      }
    }
    assertTrue(
        undefined.isEmpty(),
        what + " uses metrics no meter defines: " + undefined + "\ncode defines: " + code);
    assertTrue(
        used.stream().filter(code::contains).count() >= ours,
        what + " should chart our meters, uses only " + used);
  }

  @Test
  void codeMetersAreFoundAndNamedAsPrometheusNamesThem() {
    Set<String> code = codeMeters();
    // Spot checks against names seen on a real /metrics (MetricsEndpointTest in standalone).
    for (String n :
        List.of(
            "fanout_connections_open",
            "fanout_kafka_lag_records",
            "fanout_delivery_latency_seconds_bucket",
            "fanout_events_consumed_total",
            "ingest_capture_lag_seconds",
            "ingest_state",
            "ingest_events_published_total")) {
      assertTrue(code.contains(n), n + " not in " + code);
    }
  }

  @Test
  void extractorFindsMetricsNotLabelsOrFunctions() {
    assertEquals(
        Set.of("fanout_delivery_latency_seconds_bucket"),
        metricNames(
            "histogram_quantile(0.99, sum by (le) (rate(fanout_delivery_latency_seconds_bucket{a=\"b\"}[5m])))"));
    assertEquals(
        Set.of("x_total", "up"), metricNames("increase(x_total[1m]) > 3 or up{job=\"f\"} == 0"));
  }

  @Test
  void dashboardUsesOnlyDefinedMetrics() throws Exception {
    List<String> exprs = dashboardExpressions();
    assertTrue(exprs.size() >= 10, "dashboard queries: " + exprs.size());
    assertAllDefined("the Grafana dashboard", exprs, 12);
  }

  @Test
  void alertRulesUseOnlyDefinedMetrics() throws Exception {
    assertAllDefined("the alert rules", alertExpressions(), 6);
  }

  @Test
  void readmeOperationsTableNamesExistInCode() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("#### Operations");
    int end = readme.indexOf("\n## ", start);
    Matcher m =
        Pattern.compile("^\\| `([a-z_]+)(?:\\{[^`]*\\})?` \\|", Pattern.MULTILINE)
            .matcher(readme.substring(start, end));
    Set<String> code = codeMeters();
    List<String> missing = new ArrayList<>();
    int rows = 0;
    while (m.find()) {
      rows++;
      String name = m.group(1);
      // A histogram row names the family; its samples are _bucket/_count/_sum.
      if (!code.contains(name) && !code.contains(name + "_count")) {
        missing.add(name);
      }
    }
    assertTrue(rows >= 10, "rows read from the Operations table: " + rows);
    assertTrue(missing.isEmpty(), "README names meters the code does not define: " + missing);
  }

  @Test
  void prometheusScrapesEveryProcessOfTheComposeDeployment() throws Exception {
    JsonNode prom = StrictModel.YAML.readTree(MONITORING.resolve("prometheus.yml").toFile());
    Set<String> targets = new TreeSet<>();
    prom.path("scrape_configs")
        .forEach(
            j ->
                j.path("static_configs")
                    .forEach(sc -> sc.path("targets").forEach(t -> targets.add(t.asText()))));
    Set<String> expected = new TreeSet<>(ComposeFileTest.ourMetricsEndpoints());
    expected.add("postgres-exporter:9187");
    assertEquals(expected, targets);
    assertEquals("/etc/prometheus/alerts.yml", prom.path("rule_files").get(0).asText());
  }
}
