package io.fastschema.realtime.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small hand-written SVG line chart: panels side by side, each with a log-scale x axis (the
 * subscriber count) and a log-scale y axis, one polyline per series with a marker per point. No
 * dependency; the output is plain SVG 1.1 that browsers and GitHub render.
 *
 * <p>Not thread-safe; build, then {@link #render}.
 */
final class SvgChart {

  private static final int PANEL_W = 380;
  private static final int PANEL_H = 300;
  private static final int LEFT = 64;
  private static final int TOP = 56;
  private static final int BOTTOM = 64;
  private static final int GAP = 40;

  /** One line: points are (x, y); points with a non-positive or NaN y are left out. */
  record Series(String label, String color, boolean dashed, List<double[]> points) {}

  record Panel(String title, String yLabel, List<Series> series) {}

  private final String title;
  private final String note;
  private final List<Panel> panels = new ArrayList<>();

  SvgChart(String title, String note) {
    this.title = title;
    this.note = note;
  }

  SvgChart panel(Panel panel) {
    panels.add(panel);
    return this;
  }

  String render() {
    int width = LEFT + panels.size() * (PANEL_W + GAP + LEFT) - LEFT;
    int height = TOP + PANEL_H + BOTTOM + 20 * maxSeries();
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
                + "font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    text(svg, 12, 22, 16, "start", title);
    text(svg, 12, 40, 11, "start", note);
    for (int i = 0; i < panels.size(); i++) {
      panel(svg, panels.get(i), LEFT + i * (PANEL_W + GAP + LEFT));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private int maxSeries() {
    return panels.stream().mapToInt(p -> p.series().size()).max().orElse(0);
  }

  private void panel(StringBuilder svg, Panel panel, int x0) {
    List<double[]> all = new ArrayList<>();
    panel.series().forEach(s -> s.points().stream().filter(SvgChart::plottable).forEach(all::add));
    double[] xr = decades(all.stream().mapToDouble(p -> p[0]).toArray());
    double[] yr = decades(all.stream().mapToDouble(p -> p[1]).toArray());
    int y0 = TOP;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                + "fill=\"none\" stroke=\"#888\"/>%n",
            x0,
            y0,
            PANEL_W,
            PANEL_H));
    text(svg, x0 + PANEL_W / 2.0, y0 - 8, 13, "middle", panel.title());
    for (double d = xr[0]; d <= xr[1] * 1.0001; d *= 10) {
      double px = x0 + scale(d, xr) * PANEL_W;
      line(svg, px, y0, px, y0 + PANEL_H, "#eee");
      text(svg, px, y0 + PANEL_H + 16, 11, "middle", number(d));
    }
    for (double d = yr[0]; d <= yr[1] * 1.0001; d *= 10) {
      double py = y0 + PANEL_H - scale(d, yr) * PANEL_H;
      line(svg, x0, py, x0 + PANEL_W, py, "#eee");
      text(svg, x0 - 6, py + 4, 11, "end", number(d));
    }
    text(svg, x0 + PANEL_W / 2.0, y0 + PANEL_H + 34, 11, "middle", "subscribers (log)");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                + "text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n",
            x0 - 48.0,
            y0 + PANEL_H / 2.0,
            x0 - 48.0,
            y0 + PANEL_H / 2.0,
            escape(panel.yLabel())));
    int legendY = y0 + PANEL_H + 54;
    for (Series s : panel.series()) {
      StringBuilder points = new StringBuilder();
      for (double[] p : s.points()) {
        if (!plottable(p)) {
          continue;
        }
        double px = x0 + scale(p[0], xr) * PANEL_W;
        double py = y0 + PANEL_H - scale(p[1], yr) * PANEL_H;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
                    + "fill=\"%s\"><title>%s: %s</title></circle>%n",
                px,
                py,
                s.color(),
                escape(s.label()),
                number(p[1])));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline points=\"%s\" fill=\"none\" " + "stroke=\"%s\" stroke-width=\"2\"%s/>%n",
              points.toString().strip(),
              s.color(),
              s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
      line(svg, x0, legendY - 4, x0 + 24, legendY - 4, s.color(), s.dashed());
      text(svg, x0 + 30, legendY, 11, "start", s.label());
      legendY += 18;
    }
  }

  private static boolean plottable(double[] p) {
    return p[0] > 0 && p[1] > 0 && !Double.isNaN(p[1]) && !Double.isInfinite(p[1]);
  }

  /** The enclosing powers of ten of the values, at least one decade wide. */
  static double[] decades(double[] values) {
    if (values.length == 0) {
      return new double[] {1, 10};
    }
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double low = Math.pow(10, Math.floor(Math.log10(min)));
    double high = Math.pow(10, Math.ceil(Math.log10(max)));
    return new double[] {low, high <= low ? low * 10 : high};
  }

  private static double scale(double v, double[] range) {
    return (Math.log10(v) - Math.log10(range[0])) / (Math.log10(range[1]) - Math.log10(range[0]));
  }

  private static String number(double v) {
    if (v >= 1_000_000) {
      return trim(v / 1_000_000) + "M";
    }
    if (v >= 1000) {
      return trim(v / 1000) + "k";
    }
    return trim(v);
  }

  private static String trim(double v) {
    return v == Math.rint(v)
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, v < 1 ? "%.3g" : "%.1f", v);
  }

  private static void line(
      StringBuilder svg, double x1, double y1, double x2, double y2, String color) {
    line(svg, x1, y1, x2, y2, color, false);
  }

  private static void line(
      StringBuilder svg, double x1, double y1, double x2, double y2, String color, boolean dashed) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" " + "y2=\"%.1f\" stroke=\"%s\"%s/>%n",
            x1,
            y1,
            x2,
            y2,
            color,
            dashed ? " stroke-width=\"2\" stroke-dasharray=\"6 4\"" : " stroke-width=\"1\""));
  }

  private static void text(
      StringBuilder svg, double x, double y, int size, String anchor, String content) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" " + "text-anchor=\"%s\">%s</text>%n",
            x,
            y,
            size,
            anchor,
            escape(content)));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
