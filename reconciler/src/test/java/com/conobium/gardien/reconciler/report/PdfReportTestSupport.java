package com.conobium.gardien.reconciler.report;

import java.nio.file.Path;

/** Reading a PDF's text with poppler's pdftotext, for tests of other packages. */
public final class PdfReportTestSupport {
  private PdfReportTestSupport() {}

  public static String text(Path pdf) throws Exception {
    return PdfReportTest.tool("pdftotext", "-layout", pdf.toString(), "-");
  }
}
