import { createApp } from "./http/create-app";
import { allowedMethods, unmatchedRoute } from "./http/method-not-allowed";
import { RECEIPT_SECRET_SCHEME, STAFF_SESSION_SCHEME } from "./http/openapi";
import { onError, onNotFound } from "./http/problem";
import { originCheck } from "./middleware/csrf";
import { requestContext } from "./middleware/request-context";
import { urlLimit } from "./middleware/request-limits";
import { securityHeaders } from "./middleware/security-headers";
import { SESSION_COOKIE } from "./middleware/session";
import { apiClientsApp } from "./routes/api-clients.index";
import { attachmentsApp } from "./routes/attachments.index";
import { accountRoutes, authApp } from "./routes/auth.index";
import { categoriesApp } from "./routes/categories.index";
import { challengeApp } from "./routes/challenge.index";
import { contestsApp } from "./routes/contests.index";
import { docsApp } from "./routes/docs.index";
import { exportsApp } from "./routes/exports.index";
import { extensionsApp } from "./routes/extensions.index";
import { healthApp } from "./routes/health.index";
import { holidaysApp } from "./routes/holidays.index";
import { inspectionDocumentsApp } from "./routes/inspections.documents";
import { inspectionsApp } from "./routes/inspections.index";
import { intakeApp } from "./routes/intake.index";
import { leadsApp } from "./routes/leads.index";
import { liaisonApp } from "./routes/liaison.index";
import { measuresApp } from "./routes/measures.index";
import { notificationsApp } from "./routes/notifications.index";
import { open311App } from "./routes/open311.index";
import { planApp } from "./routes/plan.index";
import { publicStatsApp } from "./routes/public-stats.index";
import { redactionsApp } from "./routes/redactions.index";
import { reportsApp } from "./routes/reports.index";
import { routingApp } from "./routes/routing.index";
import { settingsApp } from "./routes/settings.index";
import { staffApp } from "./routes/staff.index";
import { unitAdminApp } from "./routes/unit-admin.index";
import { unitsApp } from "./routes/units.index";
import { usersApp } from "./routes/users.index";

/**
 * Builds the API: context and security middleware, one `onError`, problem
 * 404s, and one sub-app per resource under `/api`.
 */
export function buildApp() {
  const api = createApp()
    .route("/", healthApp)
    .route("/", categoriesApp)
    .route("/", unitsApp)
    .route("/", challengeApp)
    .route("/", reportsApp)
    .route("/", intakeApp)
    .route("/", attachmentsApp)
    .route("/", authApp)
    .route("/", accountRoutes)
    .route("/", usersApp)
    .route("/", holidaysApp)
    .route("/", settingsApp)
    .route("/", unitAdminApp)
    .route("/", leadsApp)
    .route("/", inspectionsApp)
    .route("/", inspectionDocumentsApp)
    .route("/", planApp)
    .route("/", measuresApp)
    .route("/", exportsApp)
    .route("/", staffApp)
    .route("/", contestsApp)
    .route("/", extensionsApp)
    .route("/", publicStatsApp)
    .route("/", apiClientsApp)
    .route("/", liaisonApp)
    .route("/", notificationsApp)
    .route("/", redactionsApp)
    .route("/", routingApp);

  api.openAPIRegistry.registerComponent("securitySchemes", STAFF_SESSION_SCHEME, {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "Staff session, set HttpOnly by `POST /auth/login`. Every write also needs an `Origin` header equal to the API's origin.",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", RECEIPT_SECRET_SCHEME, {
    type: "http",
    scheme: "bearer",
    description:
      "The reporter's receipt secret, shown once when the report is filed, as `Authorization: Bearer <secret>`.",
  });
  const openApiConfig = {
    openapi: "3.1.0",
    servers: [{ url: "/api", description: "Paths below are relative to /api on the portal's origin" }],
    info: {
      title: "Phản ánh Công vụ API",
      version: "1.0.0",
      description: "Public-service complaint portal of Hanoi: reporting, triage, inspections and public statistics.",
      license: { name: "CC BY 4.0 (open data)", url: "https://creativecommons.org/licenses/by/4.0/" },
    },
  };
  api.doc31("/openapi.json", openApiConfig);
  api.route(
    "/",
    docsApp(() => api.getOpenAPI31Document(openApiConfig)),
  );

  const app = createApp();
  app.use("*", requestContext, securityHeaders);
  app.use("/api/*", urlLimit, originCheck);
  app.route("/api", api);
  app.route("/open311", open311App);
  const methodsOf = allowedMethods(api.routes, "/api");
  app.all("/api/*", (c) => {
    throw unmatchedRoute(methodsOf(c.req.path));
  });
  app.onError(onError);
  app.notFound(onNotFound);
  return { app, api };
}

const built = buildApp();

/** The Hono app served by the Worker. */
export const app = built.app;

/** Typed API for `testClient` and the site. */
export type AppType = typeof built.api;
