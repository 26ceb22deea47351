package com.conobium.gardien.reconciler.dashboard;

import com.conobium.gardien.reconciler.state.OperatorAccount;
import com.conobium.gardien.reconciler.state.OperatorAction;
import com.conobium.gardien.reconciler.state.OperatorRecords;
import com.conobium.gardien.reconciler.state.ReportRecord;
import com.conobium.gardien.reconciler.state.SeenRevision;
import com.github.benmanes.caffeine.cache.Ticker;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet dashboard of {@code gardien run} (Javalin on Jetty, on a listener of its own): the
 * fleet, each server, the revisions seen, and a few actions. Nothing but the sign-in page and its
 * style sheet is served without a session; every form carries the session's CSRF token; repeated
 * bad passwords lock sign-in out ({@link LoginThrottle}); every response carries a strict Content
 * Security Policy (no inline script, no framing). No page ever shows a secret value.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
  static final String COOKIE = "gardien_session";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  static final List<String> ACTIONS = List.of("reconcile", "report", "maintain", "credentials");
  private static final Map<String, String> TITLES = Map.of("reconcile", "Reconcile requested", "report", "Report",
      "credentials", "Credentials link");

  private final FleetReader fleet;
  private final ServerPageReader servers;
  private final OperatorRecords operators;
  private final DashboardActions actions;
  private final Passwords passwords;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final Pages pages;
  private final Clock clock;
  private final Javalin app;
  /** Checked against when the name is unknown, so that an unknown name takes as long as a wrong password. */
  private volatile String nobody;

  /**
   * @param listen where to listen (port 0 picks a free one)
   * @param version Gardien's version, in the pages' footer
   */
  public Dashboard(InetSocketAddress listen, String version, DashboardData data, DashboardActions actions,
      Clock clock) {
    this(listen, version, data, actions, new Passwords(), clock, Ticker.systemTicker());
  }

  Dashboard(InetSocketAddress listen, String version, DashboardData data, DashboardActions actions,
      Passwords passwords, Clock clock, Ticker ticker) {
    this.fleet = new FleetReader(data, clock);
    this.servers = new ServerPageReader(data, fleet, clock);
    this.operators = data.operators();
    this.actions = actions;
    this.passwords = passwords;
    this.clock = clock;
    this.sessions = new Sessions(clock, ticker);
    this.throttle = new LoginThrottle(ticker);
    this.pages = new Pages(version);
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.host = listen.getHostString();
      config.jetty.port = listen.getPort();
      QueuedThreadPool threads = new QueuedThreadPool(16, 2);
      threads.setName("gardien-dashboard");
      threads.setDaemon(true);
      config.jetty.threadPool = threads;
      config.http.generateEtags = false;
      config.routes.before(this::headers);
      config.routes.before(this::signedIn);
      config.routes.get("/static/{file}", this::staticFile);
      config.routes.get("/login", ctx -> login(ctx, null, 200));
      config.routes.post("/login", this::signIn);
      config.routes.post("/logout", this::signOut);
      config.routes.get("/", this::fleetPage);
      config.routes.get("/fleet/rows", this::fleetRows);
      config.routes.get("/revisions", this::revisionsPage);
      config.routes.get("/servers/{name}", this::serverPage);
      config.routes.get("/servers/{name}/reports/{file}", this::reportFile);
      config.routes.get("/servers/{name}/confirm/{action}", this::confirmPage);
      config.routes.post("/servers/{name}/reconcile", ctx -> act(ctx, "reconcile"));
      config.routes.post("/servers/{name}/report", ctx -> act(ctx, "report"));
      config.routes.post("/servers/{name}/maintain", ctx -> act(ctx, "maintain"));
      config.routes.post("/servers/{name}/credentials", ctx -> act(ctx, "credentials"));
      config.routes.exception(Exception.class, (e, ctx) -> {
        log.atError().addKeyValue("path", ctx.path()).addKeyValue("error", e.toString()).log("dashboard page failed");
        message(ctx, 500, "Something went wrong", "The page could not be made; the daemon's log says why.", true, "/");
      });
    });
  }

  public void start() {
    app.start();
    log.info("dashboard on http://{}:{}/", address().getHostString(), address().getPort());
  }

  /** The address actually bound. */
  public InetSocketAddress address() {
    return new InetSocketAddress(app.jettyServer().server().getURI().getHost(), app.port());
  }

  @Override
  public void close() {
    app.stop();
  }

  private void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin"); // a browser then names this origin in its POSTs (no-referrer makes it "null")
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!ctx.path().startsWith("/static/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  /** Lets only the sign-in page and the static files through without a session, and no foreign form anywhere. */
  private void signedIn(Context ctx) {
    if (ctx.method() == HandlerType.POST && !sameOrigin(ctx)) {
      message(ctx, 403, "Refused", "This form was sent from another site.", true, null);
      ctx.skipRemainingHandlers();
      return;
    }
    String path = ctx.path();
    if (path.equals("/login") || path.startsWith("/static/")) {
      return;
    }
    Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
    if (session.isPresent() && operators.account(session.get().operator()).isEmpty()) {
      sessions.end(session.get().id()); // the operator was removed
      session = Optional.empty();
    }
    if (session.isEmpty()) {
      if (ctx.method() == HandlerType.GET && !path.equals("/fleet/rows")) {
        String next = ctx.queryString() == null ? path : path + "?" + ctx.queryString();
        ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
      } else {
        message(ctx, 401, "Sign in first", "This needs a session: sign in again.", true, "/login");
      }
      ctx.skipRemainingHandlers();
      return;
    }
    if (ctx.method() == HandlerType.POST && !tokenMatches(ctx.formParam("csrf"), session.get().csrf())) {
      log.atWarn().addKeyValue("operator", session.get().operator()).addKeyValue("path", path)
          .log("dashboard form refused: missing or wrong CSRF token");
      message(ctx, 403, "Refused", "This form is out of date or was not made by this dashboard (CSRF token):"
          + " go back, reload the page and try again.", true, "/");
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.attribute("session", session.get());
  }

  /** A POST's Origin (or Referer), when the browser sends one, must be this dashboard's. */
  private static boolean sameOrigin(Context ctx) {
    String host = ctx.header("Host");
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) {
      String referer = ctx.header("Referer");
      if (referer == null) {
        return origin == null;
      }
      origin = referer;
    }
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host)
        || origin.startsWith("http://" + host + "/") || origin.startsWith("https://" + host + "/"));
  }

  private static boolean tokenMatches(String given, String expected) {
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  private void staticFile(Context ctx) {
    String file = ctx.pathParam("file");
    String type = file.equals("dashboard.css") ? "text/css; charset=utf-8"
        : file.equals("fleet.js") ? "text/javascript; charset=utf-8" : null;
    byte[] body = type == null ? null : Pages.staticFile(file);
    if (body == null) {
      ctx.status(404).result("not found");
      return;
    }
    ctx.header("Cache-Control", "max-age=300");
    ctx.contentType(type).result(body);
  }

  private void login(Context ctx, String error, int status) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Sign in");
    model.put("error", error);
    model.put("next", safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
    model.put("name", ctx.method() == HandlerType.POST ? ctx.formParam("name") : "");
    ctx.status(status).html(pages.render("login", Map.of(), model));
  }

  private void signIn(Context ctx) {
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    String address = ctx.ip();
    try {
      if (throttle.locked(name, address)) {
        log.atWarn().addKeyValue("operator", name).addKeyValue("address", address)
            .log("dashboard sign-in refused: locked out after repeated bad passwords");
        login(ctx, "Too many failed sign-ins: sign-in is locked for " + LoginThrottle.LOCKOUT.toMinutes()
            + " minutes for this name and address.", 429);
        return;
      }
      Optional<OperatorAccount> account = operators.account(name);
      boolean good = passwords.matches(account.map(OperatorAccount::passwordHash).orElseGet(this::nobody), password)
          && account.isPresent();
      if (!good) {
        throttle.failed(name, address);
        log.atWarn().addKeyValue("operator", name).addKeyValue("address", address).log("dashboard sign-in failed");
        login(ctx, "Wrong name or password.", 401);
        return;
      }
      throttle.succeeded(name);
      String old = ctx.cookie(COOKIE);
      if (old != null) {
        sessions.end(old);
      }
      Session session = sessions.start(name);
      ctx.header("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; HttpOnly; Secure; SameSite=Strict");
      log.atInfo().addKeyValue("operator", name).addKeyValue("address", address).log("dashboard sign-in");
      ctx.redirect(safeNext(ctx.formParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private String nobody() {
    if (nobody == null) {
      nobody = passwords.hash("no operator has this password".toCharArray());
    }
    return nobody;
  }

  private void signOut(Context ctx) {
    Session session = ctx.attribute("session");
    sessions.end(session.id());
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Only a path of this dashboard: never another site ({@code //host}, {@code https:}). */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
      return "/";
    }
    return next;
  }

  private Map<String, Object> layout(Context ctx, String title, String script) {
    Session session = ctx.attribute("session");
    Map<String, Object> layout = new HashMap<>();
    layout.put("title", title);
    layout.put("script", script);
    layout.put("operator", session.operator());
    layout.put("csrf", session.csrf());
    layout.put("revision", fleet.inForce().map(g -> g.revision().shortId()).orElse("none"));
    return layout;
  }

  private void fleetPage(Context ctx) {
    String customer = ctx.queryParam("customer");
    String status = ctx.queryParam("status");
    String q = ctx.queryParam("q");
    Map<String, Object> model = fleetTable(fleet.rows(customer, status, q));
    model.put("q", q);
    model.put("query", ctx.queryString() == null ? "" : ctx.queryString());
    model.put("customers", fleet.customers().stream().map(c -> Map.of("name", c, "selected", c.equals(customer)))
        .toList());
    model.put("statuses", List.of("up", "down", "in sync", "drift", "failed", "not run yet").stream()
        .map(s -> Map.of("name", s, "selected", s.equals(status))).toList());
    ctx.html(pages.render("fleet", layout(ctx, "Fleet", "fleet.js"), model));
  }

  /** The fleet page's summary and table, which its script fetches again every few seconds. */
  private void fleetRows(Context ctx) {
    List<FleetRow> rows = fleet.rows(ctx.queryParam("customer"), ctx.queryParam("status"), ctx.queryParam("q"));
    ctx.html(pages.render("fleettable", Map.of(), fleetTable(rows)));
  }

  private static Map<String, Object> fleetTable(List<FleetRow> rows) {
    Map<String, Object> model = new HashMap<>();
    model.put("rows", rows);
    model.put("count", rows.size());
    model.put("inSync", rows.stream().filter(r -> r.sync().equals("in sync")).count());
    model.put("drift", rows.stream().filter(r -> r.sync().equals("drift")).count());
    model.put("failed", rows.stream().filter(r -> r.sync().equals("failed")).count());
    model.put("down", rows.stream().filter(r -> r.health().equals("down")).count());
    return model;
  }

  private void serverPage(Context ctx) {
    Optional<Map<String, Object>> page = servers.read(ctx.pathParam("name"));
    if (page.isEmpty()) {
      message(ctx, 404, "No such server", "The revision in force has no server of that name.", true, "/");
      return;
    }
    ctx.html(pages.render("server", layout(ctx, ctx.pathParam("name"), null), page.get()));
  }

  private void reportFile(Context ctx) {
    String name = ctx.pathParam("name");
    String file = ctx.pathParam("file");
    Optional<ReportRecord> report = file.matches("[0-9]{1,18}\\.pdf") && fleet.server(name).isPresent()
        ? servers.report(name, Long.parseLong(file.substring(0, file.length() - 4))) : Optional.empty();
    Optional<byte[]> pdf = report.flatMap(r -> servers.pdf(r.id()));
    if (pdf.isEmpty()) {
      message(ctx, 404, "No such report", "This server has no report of that number.", true, "/servers/" + name);
      return;
    }
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "-" + report.get().month() + ".pdf\"");
    ctx.contentType("application/pdf").result(pdf.get());
  }

  private void confirmPage(Context ctx) {
    String name = ctx.pathParam("name");
    String action = ctx.pathParam("action");
    Optional<com.conobium.gardien.model.Server> server = fleet.server(name);
    if (server.isEmpty() || !ACTIONS.contains(action)) {
      message(ctx, 404, "Not found", "No such server or action.", true, "/");
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("name", name);
    model.put("action", action);
    switch (action) {
      case "reconcile" -> {
        model.put("question", "Reconcile " + name + " now?");
        model.put("explanation", "The daemon plans " + name + " against the revision in force at once and, in apply"
            + " mode, applies what it finds; the run appears in the history.");
        model.put("button", "Reconcile now");
      }
      case "report" -> {
        model.put("question", "Make the report of " + name + " for this month so far?");
        model.put("explanation", "The PDF is made from the state database and kept with the others; it is not mailed.");
        model.put("button", "Make the report");
      }
      case "maintain" -> {
        model.put("question", "Run a maintenance operation on " + name + " now?");
        model.put("explanation", "It runs outside the server's window, in the background, without a reboot; its"
            + " result joins the maintenance runs below. The upgrades change the server's packages.");
        model.put("operations", server.get().spec().maintenance().checks());
        model.put("hasOperations", !server.get().spec().maintenance().checks().isEmpty());
        model.put("button", "Run it now");
      }
      default -> {
        String to = server.get().spec().customer() == null ? null : server.get().spec().customer().email();
        model.put("question", "Send " + name + "'s customer a new credentials link?");
        model.put("explanation", to == null ? "The manifest names no customer.email: there is nobody to mail it to."
            : "A one-time link to the server's credentials, valid 72 hours, is mailed to " + to
                + "; the older unopened links stop working. Gardien's own secrets are never in it.");
        model.put("button", "Mail the link");
      }
    }
    ctx.html(pages.render("confirm", layout(ctx, "Confirm", null), model));
  }

  private void act(Context ctx, String action) {
    Session session = ctx.attribute("session");
    String name = ctx.pathParam("name");
    if (fleet.server(name).isEmpty()) {
      message(ctx, 404, "No such server", "The revision in force has no server of that name.", true, "/");
      return;
    }
    String outcome;
    try {
      outcome = switch (action) {
        case "reconcile" -> actions.reconcile(name);
        case "report" -> actions.report(name);
        case "maintain" -> actions.maintain(name, Optional.ofNullable(ctx.formParam("operation")).orElse(""));
        default -> actions.shareCredentials(name);
      };
    } catch (RuntimeException e) {
      outcome = "failed: " + e.getMessage();
    }
    if (action.equals("maintain")) {
      action = "maintain " + ctx.formParam("operation");
    }
    operators.saveAction(new OperatorAction(clock.instant(), session.operator(), name, action, outcome));
    log.atInfo().addKeyValue("operator", session.operator()).addKeyValue("server", name).addKeyValue("action", action)
        .addKeyValue("outcome", outcome).log("dashboard action");
    message(ctx, 200, TITLES.getOrDefault(action, "Maintenance"), name + ": " + outcome,
        outcome.startsWith("failed") || outcome.startsWith("refused"), "/servers/" + name);
  }

  private void revisionsPage(Context ctx) {
    List<SeenRevision> seen = operators.revisions(100);
    Map<String, Object> model = new HashMap<>();
    model.put("inForce", fleet.inForce().map(g -> Map.of("id", g.revision().shortId(), "subject",
        g.revision().subject())).orElse(null));
    model.put("revisions", seen.stream().map(r -> {
      List<String> problems = r.problems().isEmpty() ? List.of() : List.of(r.problems().split("\n"));
      return Map.of("seen", UtcText.second(r.seen()), "id",
          FleetReader.shortId(r.revision()), "subject", r.subject() == null ? "" : r.subject(), "verdict", r.verdict(),
          "problems", problems, "hasProblems", !problems.isEmpty());
    }).toList());
    ctx.html(pages.render("revisions", layout(ctx, "Revisions", null), model));
  }

  private void message(Context ctx, int status, String heading, String text, boolean error, String back) {
    Session session = ctx.attribute("session");
    Map<String, Object> layout = session == null ? Map.of("title", heading) : layout(ctx, heading, null);
    Map<String, Object> model = new HashMap<>();
    model.put("heading", heading);
    model.put("text", text);
    model.put("error", error);
    model.put("back", back);
    ctx.status(status).html(pages.render("message", layout, model));
  }
}
