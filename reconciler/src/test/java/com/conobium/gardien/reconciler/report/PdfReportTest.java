package com.conobium.gardien.reconciler.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.conobium.gardien.reconciler.HeadlessChromium;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly report of a month of history ({@link MonthOfHistory}), checked with real PDF tools
 * (poppler-utils): {@code pdftotext} finds the figures — availability to one decimal, the
 * incident's duration, the planned maintenance, package names and versions, the stray port, the
 * changes —, {@code pdfinfo} a PDF/A document of several pages, {@code pdffonts} only embedded
 * fonts, every page {@code pdftoppm} renders has ink on it, and headless Chromium's PDF viewer
 * loads it with as many pages. French and English; a second
 * rendering gives the same text.
 */
class PdfReportTest {
  @TempDir Path dir;
  StateDatabase db;

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir.resolve("state")));
    MonthOfHistory.write(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  MonthlyReport report() {
    return new ReportCollector(db.repository(), db.monitorHistory(), db.maintenanceHistory())
        .collect(MonthOfHistory.server(), MonthOfHistory.FLEET, MonthOfHistory.MONTH, Instant.parse("2026-12-01T01:00:00Z"));
  }

  byte[] render(Locale locale) {
    return new PdfReport(ReportTemplates.builtIn(), PdfReport.fontsFrom(System.getenv())).render(report(), locale, java.time.Duration.ofMinutes(1));
  }

  @Test
  void theCollectedMonthHoldsWhatHappened() {
    MonthlyReport r = report();
    assertThat(r.days()).hasSize(30);
    assertThat(r.availability().rounds()).isEqualTo(30 * 24 * 60 - 5);
    assertThat(r.availability().failedRounds()).isEqualTo(30);
    assertThat(r.availability().plannedRounds()).isEqualTo(5);
    assertThat(r.incidents()).singleElement().satisfies(i -> assertThat(i.duration().toMinutes()).isEqualTo(30));
    assertThat(r.planned()).singleElement().satisfies(p -> assertThat(p.failedRounds()).isEqualTo(5));
    assertThat(r.maintenance()).isPresent();
    assertThat(r.previousDiskUse()).containsEntry("/var/log", 60);
    assertThat(r.changes()).hasSize(3);
    assertThat(r.certificates()).containsKey("shop");
    assertThat(r.lastBackup()).contains(Instant.parse("2026-11-30T02:00:00Z"));
    assertThat(r.prerequisites()).extracting(MonthlyReport.Prerequisite::name)
        .containsExactly("debian release", "raid on bare metal", "separate partition /tmp", "swap equals ram");
  }

  @Test
  void theFrenchReportSaysWhatHappenedInWordsAndFigures() throws Exception {
    Path pdf = dir.resolve("web1-2026-11-fr.pdf");
    Files.write(pdf, render(Locale.FRENCH));
    String sample = System.getProperty("gardien.report.sample");
    if (sample != null) {
      Files.copy(pdf, Path.of(sample), java.nio.file.StandardCopyOption.REPLACE_EXISTING); // scripts/report-sample
    }
    String text = tool("pdftotext", "-layout", pdf.toString(), "-");
    System.out.println("PdfReportTest: pdftotext (fr):\n" + text);
    assertThat(text).contains("Rapport mensuel", "Boulangerie Lefèvre", "web1", "Novembre 2026", "Synthèse",
        "99,9 %", "1 incident(s), 30 min au total", "Le serveur est vérifié chaque minute", "maintenance planifiée, 5 vérification(s) en échec",
        "Mises à jour des paquets", "nginx 1.26.3-3 → 1.26.3-3+deb13u1", "libgd3", "8081/tcp", "en échec",
        "à surveiller", "/var/log: 85 % (60 %)", "sshd : 15 bannissement(s)", "12 erreur(s) journalisée(s) depuis la dernière maintenance, de 2 sorte(s)",
        "nuit(s) sans sauvegarde réussie : 17 oct.", "3 paquet(s) mis à jour ; redémarré et vérifié",
        "ouverts sans être prévus : 8081/tcp", "Modifications de configuration",
        "~ timezone: Etc/UTC -> Europe/Paris", "a1b2c3d", "shop expire le 28 janvier 2027",
        "Dernière sauvegarde réussie", "Demande votre attention", "Prérequis de l’offre",
        "✓ Version de Debian : 13", "✓ RAID sur un serveur physique : md0, md1",
        "✗ Partition séparée pour /tmp : fait partie de / (attendu /tmp est un point de montage)");
    assertThat(text).as("only the prerequisites module's checks").doesNotContain("last backup: 2 h ago");
    String info = tool("pdfinfo", pdf.toString());
    int pages = Integer.parseInt(info.lines().filter(l -> l.startsWith("Pages:")).findFirst().orElseThrow()
        .replaceAll("\\D", ""));
    assertThat(pages).isBetween(4, 8);
    assertThat(info).containsPattern("Producer:\\s+Gardien").containsPattern("PDF version:\\s+1.7").containsPattern("Tagged:\\s+yes");
    String fonts = tool("pdffonts", pdf.toString());
    List<String> rows = fonts.lines().skip(2).toList();
    assertThat(rows).isNotEmpty().anyMatch(l -> l.contains("DejaVuSans"))
        .allSatisfy(l -> assertThat(l).as("embedded: " + l).matches(".*\\byes\\s+(yes|no)\\s+(yes|no)\\s+\\d+\\s+\\d+$"));
    tool("pdftoppm", "-r", "40", "-png", pdf.toString(), dir.resolve("page").toString());
    List<Path> images;
    try (Stream<Path> files = Files.list(dir)) {
      images = files.filter(p -> p.getFileName().toString().startsWith("page")).sorted().toList();
    }
    assertThat(images).hasSize(pages);
    for (Path image : images) {
      assertThat(inkedShare(ImageIO.read(image.toFile()))).as(image + " has ink").isGreaterThan(0.01);
    }
    assertThat(tool("pdftotext", "-layout", pdf.toString(), "-")).as("the same text again").isEqualTo(text);
    Path again = dir.resolve("again.pdf");
    Files.write(again, render(Locale.FRENCH));
    assertThat(tool("pdftotext", "-layout", again.toString(), "-")).as("a second rendering, the same text")
        .isEqualTo(text);
  }

  @Test
  void chromiumsPdfViewerOpensIt() throws Exception {
    assumeTrue(HeadlessChromium.available(), "no /usr/bin/chromium (scripts/install-test-deps installs it)");
    Path pdf = dir.resolve("web1-2026-11-fr.pdf");
    Files.write(pdf, render(Locale.FRENCH));
    String info = tool("pdfinfo", pdf.toString());
    int pages = Integer.parseInt(info.lines().filter(l -> l.startsWith("Pages:")).findFirst().orElseThrow()
        .replaceAll("\\D", ""));
    try (HeadlessChromium chromium = HeadlessChromium.openPdf(pdf)) {
      assertThat(chromium.pdfPages()).as("pages in Chromium's PDF viewer").isEqualTo(pages);
    }
  }

  @Test
  void theEnglishReportToo() throws Exception {
    Path pdf = dir.resolve("web1-2026-11-en.pdf");
    Files.write(pdf, render(Locale.ENGLISH));
    String text = tool("pdftotext", "-layout", pdf.toString(), "-");
    assertThat(text).contains("Monthly report", "November 2026", "99.9 %", "1 incident(s), 30 min in all",
        "planned maintenance, 5 failed round(s)", "Package upgrades", "Port scan from outside", "8081/tcp",
        "Configuration changes", "shop expires on January 28, 2027",
        "✗ Separate partition for /tmp: part of / (expected /tmp is a mount point)");
  }

  /** The share of a page's pixels that are not (nearly) white. */
  static double inkedShare(BufferedImage image) {
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (((rgb >> 16) & 0xff) < 200 || ((rgb >> 8) & 0xff) < 200 || (rgb & 0xff) < 200) {
          inked++;
        }
      }
    }
    return (double) inked / ((long) image.getWidth() * image.getHeight());
  }

  static String tool(String... command) throws IOException, InterruptedException {
    boolean present = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command[0])));
    if (!present) {
      if ("1".equals(System.getenv("GARDIEN_REQUIRE_TESTHOSTS"))) {
        throw new AssertionError(command[0] + " is missing (Debian package poppler-utils; scripts/install-test-deps installs it)");
      }
      assumeTrue(false, command[0] + " is missing (Debian package poppler-utils); skipped");
    }
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    // DejaVu's ligatures (ﬁ, ﬂ) come out as one character each: compare words as people read them
    return java.text.Normalizer.normalize(out, java.text.Normalizer.Form.NFKC);
  }
}
