package com.conobium.gardien.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A headless Chromium ({@code /usr/bin/chromium}, Debian's package) with a fresh profile, opened on
 * one page and driven through the DevTools protocol over a WebSocket: evaluate JavaScript in the
 * page, click, read the DOM, take a screenshot. Stopped by its process id on {@link #close()}.
 */
public final class HeadlessChromium implements AutoCloseable {
  /** The frame of Chromium's own PDF viewer (an extension page that PDFium draws into). */
  private static final String PDF_VIEWER = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/";
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final Path log;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  private HeadlessChromium(Process process, Path profile, Path log, String pageSocketUrl) throws Exception {
    this.process = process;
    this.profile = profile;
    this.log = log;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(pageSocketUrl), new Listener()).get(30, TimeUnit.SECONDS);
  }

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts Chromium on {@code url} (a phone-sized window) and connects to that page. */
  public static HeadlessChromium open(String url) throws Exception {
    String prefix = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
    return start(url, "412,915", target -> "page".equals(target.path("type").asText())
        && target.path("url").asText().startsWith(prefix));
  }

  /**
   * Starts Chromium on a PDF file and connects to the frame of its PDF viewer, where
   * {@link #pdfPages()} reads what the viewer made of the document.
   */
  public static HeadlessChromium openPdf(Path pdf) throws Exception {
    return start(pdf.toUri().toString(), "1000,1300", target -> "iframe".equals(target.path("type").asText())
        && target.path("url").asText().startsWith(PDF_VIEWER));
  }

  /**
   * Waits until the PDF viewer has loaded the document and returns its page count; fails if the
   * viewer reports that it could not load it.
   */
  public int pdfPages() throws Exception {
    String state = waitFor("document.querySelector('pdf-viewer')?.loadState_ ?? 'absent'",
        s -> s.equals("success") || s.equals("failed"), Duration.ofSeconds(30));
    if (!state.equals("success")) {
      throw new AssertionError("Chromium's PDF viewer could not load the document: " + state);
    }
    return Integer.parseInt(eval("String(document.querySelector('pdf-viewer').documentDimensions.pageDimensions.length)"));
  }

  private static HeadlessChromium start(String url, String windowSize, Predicate<JsonNode> target) throws Exception {
    Path profile = Files.createTempDirectory("gardien-chromium-profile");
    Path log = Files.createTempFile("gardien-chromium", ".log");
    Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0", "--window-size=" + windowSize, url)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      int port = devToolsPort(process, profile, log);
      return new HeadlessChromium(process, profile, log, targetSocket(port, url, target));
    } catch (Exception | AssertionError e) {
      stop(process);
      deleteTree(profile);
      throw e;
    }
  }

  /** Evaluates {@code expression} in the page (awaiting a promise) and returns its value as text. */
  public String eval(String expression) throws Exception {
    ObjectNode params = JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true);
    JsonNode result = send("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new AssertionError("page threw: " + result.get("exceptionDetails"));
    }
    JsonNode value = result.path("result").path("value");
    return value.isMissingNode() || value.isNull() ? "" : value.asText();
  }

  /**
   * Evaluates {@code expression} until its value satisfies {@code done} (errors, as while the page
   * loads, count as values that do not); returns that value.
   */
  public String waitFor(String expression, Predicate<String> done, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String value = "";
    while (System.nanoTime() < deadline) {
      try {
        value = eval(expression);
      } catch (AssertionError e) {
        value = e.getMessage(); // e.g. no execution context while the page is still loading
      }
      if (done.test(value)) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited " + timeout.toSeconds() + " s for " + expression + "; last value: '" + value
        + "'\nChromium log:\n" + Files.readString(log));
  }

  /** A PNG of the page as it looks now. */
  public void screenshot(Path png) throws Exception {
    JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = answer.get(30, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.get("result");
  }

  private static int devToolsPort(Process process, Path profile, Path log) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("chromium exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      if (Files.exists(portFile)) {
        List<String> lines = Files.readAllLines(portFile);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return Integer.parseInt(lines.get(0).strip());
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("chromium did not open its DevTools port in " + START.toSeconds() + " s:\n"
        + Files.readString(log));
  }

  private static String targetSocket(int port, String url, Predicate<JsonNode> wanted) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (JsonNode target : JSON.readTree(list)) {
        if (wanted.test(target)) {
          return target.get("webSocketDebuggerUrl").asText();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("chromium has no target for " + url);
  }

  @Override
  public void close() throws IOException {
    socket.abort();
    stop(process);
    deleteTree(profile);
    Files.deleteIfExists(log);
  }

  /** Stops Chromium's main process and what it started, by their process ids. */
  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          CompletableFuture<JsonNode> answer = message.has("id") ? pending.remove(message.get("id").asInt()) : null;
          if (answer != null) {
            answer.complete(message);
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
