package com.conobium.gardien.reconciler.report;

import com.conobium.gardien.reconciler.maintenance.OperationResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's charts, as JFreeChart charts the PDF draws as vectors (through PDFBox's Graphics2D):
 * each day's availability, each day's average response time, and each partition's used space last
 * month and this month. Pure.
 */
final class ReportCharts {
  static final Color INK = new Color(0x16, 0x32, 0x4f);
  static final Color LIGHT = new Color(0x9f, 0xb6, 0xcc);
  static final Color GRID = new Color(0xcf, 0xd8, 0xe0);
  private static final Font LABEL = new Font("DejaVu Sans", Font.PLAIN, 9);

  private ReportCharts() {}

  /** The charts by the names the template gives them ({@code data-chart}). */
  static Map<String, JFreeChart> of(MonthlyReport r, ReportView view) {
    Map<String, JFreeChart> charts = new LinkedHashMap<>();
    charts.put("availability", availability(r, view));
    charts.put("response", response(r, view));
    r.maintenance().flatMap(m -> m.results().stream().filter(o -> o.operation().equals("diskSpace")).findFirst())
        .ifPresent(o -> charts.put("disk", disk(o, r, view)));
    return charts;
  }

  private static JFreeChart availability(MonthlyReport r, ReportView view) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    double lowest = 100;
    for (MonthlyReport.Day d : r.days()) {
      data.addValue(d.percent().orElse(null), "%", String.valueOf(d.date().getDayOfMonth()));
      lowest = Math.min(lowest, d.percent().orElse(100.0));
    }
    CategoryPlot plot = plot(data, new BarRenderer(), "%", view.locale());
    // a scale that shows a day of 99.5 % as lower than one of 100 %, not only an empty month as empty
    ((NumberAxis) plot.getRangeAxis()).setRange(Math.max(0, Math.floor(lowest) - 1), 100.0);
    return chart(plot);
  }

  private static JFreeChart response(MonthlyReport r, ReportView view) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (MonthlyReport.Day d : r.days()) {
      data.addValue(d.averageResponse().map(x -> (Number) x.toMillis()).orElse(null), "ms",
          String.valueOf(d.date().getDayOfMonth()));
    }
    LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
    line.setSeriesStroke(0, new BasicStroke(1.5f));
    return chart(plot(data, line, "ms", view.locale()));
  }

  private static JFreeChart disk(OperationResult diskSpace, MonthlyReport r, ReportView view) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (JsonNode m : diskSpace.details().path("mounts")) {
      String mount = m.path("mount").asText();
      Integer before = r.previousDiskUse().get(mount);
      data.addValue(before, view.t("lastMonth"), mount);
      data.addValue(m.path("usedPercent").asInt(), view.t("thisMonth"), mount);
    }
    CategoryPlot plot = plot(data, new BarRenderer(), "%", view.locale());
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
    JFreeChart chart = new JFreeChart(null, LABEL, plot, true);
    chart.getLegend().setItemFont(LABEL);
    chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static CategoryPlot plot(DefaultCategoryDataset data, org.jfree.chart.renderer.category.CategoryItemRenderer renderer,
      String unit, java.util.Locale locale) {
    CategoryAxis days = new CategoryAxis();
    days.setTickLabelFont(LABEL);
    days.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    days.setCategoryMargin(0.15);
    NumberAxis values = new NumberAxis(unit);
    values.setTickLabelFont(LABEL);
    values.setLabelFont(LABEL);
    values.setNumberFormatOverride(java.text.NumberFormat.getNumberInstance(locale));
    CategoryPlot plot = new CategoryPlot(data, days, values, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    renderer.setSeriesPaint(0, data.getRowCount() > 1 ? LIGHT : INK);
    if (data.getRowCount() > 1) {
      renderer.setSeriesPaint(1, INK);
    }
    if (renderer instanceof BarRenderer bars) {
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
      bars.setItemMargin(0.05);
    }
    return plot;
  }

  private static JFreeChart chart(CategoryPlot plot) {
    JFreeChart chart = new JFreeChart(null, LABEL, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    return chart;
  }
}
