package com.conobium.gardien.reconciler.report;

import com.openhtmltopdf.extend.FSObjectDrawer;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.DefaultObjectDrawerFactory;
import com.samskivert.mustache.Mustache;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * Lays a {@link MonthlyReport} out as a PDF: the Mustache template ({@code report.mustache} and
 * {@code report.css}, Gardien's own or the operator's from a directory), rendered by openhtmltopdf
 * on PDFBox as PDF/A-2u with DejaVu fonts embedded (French accents included), and the charts
 * drawn by JFreeChart as vectors. The front door of the report package.
 */
public final class PdfReport {
  /** Where the fonts are read from, unless {@code $GARDIEN_REPORT_FONTS} says otherwise (Debian's fonts-dejavu-core). */
  static final Path DEFAULT_FONTS = Path.of("/usr/share/fonts/truetype/dejavu");
  static final String CHART_TYPE = "image/x-gardien-chart";

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    com.openhtmltopdf.util.XRLog.setLoggerImpl(new RendererLog());
  }

  private final ReportTemplates templates;
  private final Path fonts;

  /**
   * @param templates the template, stylesheet and logo to use
   * @param fonts the directory holding DejaVuSans.ttf, DejaVuSans-Bold.ttf and DejaVuSansMono.ttf
   */
  public PdfReport(ReportTemplates templates, Path fonts) {
    this.templates = templates;
    this.fonts = fonts;
  }

  /** The fonts directory of {@code $GARDIEN_REPORT_FONTS}, else Debian's. */
  public static Path fontsFrom(Map<String, String> env) {
    String dir = env.get("GARDIEN_REPORT_FONTS");
    return dir == null || dir.isBlank() ? DEFAULT_FONTS : Path.of(dir);
  }

  /** The report of {@code report} in {@code locale}'s language; {@code interval} is the monitoring's. */
  public byte[] render(MonthlyReport report, Locale locale, java.time.Duration interval) {
    ReportView view = new ReportView(locale);
    String html = Mustache.compiler().escapeHTML(true).defaultValue("")
        .compile(templates.template())
        .execute(view.context(report, templates.css(), templates.logoDataUri(), interval));
    Map<String, JFreeChart> charts = ReportCharts.of(report, view);
    DefaultObjectDrawerFactory drawers = new DefaultObjectDrawerFactory();
    drawers.registerDrawer(CHART_TYPE, chartDrawer(charts));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withHtmlContent(html, null);
      builder.useObjectDrawerFactory(drawers);
      builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_U);
      builder.useColorProfile(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
      builder.withProducer("Gardien");
      font(builder, "DejaVuSans.ttf", "DejaVu Sans", 400);
      font(builder, "DejaVuSans-Bold.ttf", "DejaVu Sans", 700);
      font(builder, "DejaVuSansMono.ttf", "DejaVu Sans Mono", 400);
      // CSS's generic families and AWT's logical ones (a page box, an operator's template, a chart may fall back to them): PDF/A
      // allows no font that is not embedded
      for (String generic : new String[] {"serif", "sans-serif", "monospace", "SansSerif", "Dialog"}) {
        font(builder, "DejaVuSans.ttf", generic, 400);
        font(builder, "DejaVuSans-Bold.ttf", generic, 700);
      }
      builder.toStream(out);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("the report of " + report.server() + " could not be rendered: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private void font(PdfRendererBuilder builder, String file, String family, int weight) {
    Path path = fonts.resolve(file);
    if (!Files.isReadable(path)) {
      throw new IllegalStateException("font " + path + " is missing: install Debian's fonts-dejavu-core, or point"
          + " $GARDIEN_REPORT_FONTS at a directory holding DejaVuSans.ttf, DejaVuSans-Bold.ttf and DejaVuSansMono.ttf");
    }
    builder.useFont(path.toFile(), family, weight, BaseRendererBuilder.FontStyle.NORMAL, true);
  }

  /** Draws the chart an {@code <object data-chart="NAME">} names, in the box the layout gave it. */
  private static FSObjectDrawer chartDrawer(Map<String, JFreeChart> charts) {
    return (element, x, y, width, height, device, context, dotsPerPixel) -> {
      JFreeChart chart = charts.get(element.getAttribute("data-chart"));
      if (chart != null) {
        device.drawWithGraphics((float) x, (float) y, (float) width / dotsPerPixel, (float) height / dotsPerPixel,
            g -> chart.draw(g, new Rectangle2D.Double(0, 0, width / dotsPerPixel, height / dotsPerPixel)));
      }
      return null;
    };
  }
}
