import { createApp } from "./http/create-app";
import { ApiError } from "./http/errors";
import { onError, onNotFound } from "./http/problem";
import { originCheck } from "./middleware/csrf";
import { requestContext } from "./middleware/request-context";
import { securityHeaders } from "./middleware/security-headers";
import { attachmentsApp } from "./routes/attachments.index";
import { accountRoutes, authApp } from "./routes/auth.index";
import { categoriesApp } from "./routes/categories.index";
import { challengeApp } from "./routes/challenge.index";
import { contestsApp } from "./routes/contests.index";
import { docsApp } from "./routes/docs.index";
import { exportsApp } from "./routes/exports.index";
import { healthApp } from "./routes/health.index";
import { inspectionDocumentsApp } from "./routes/inspections.documents";
import { inspectionsApp } from "./routes/inspections.index";
import { leadsApp } from "./routes/leads.index";
import { measuresApp } from "./routes/measures.index";
import { planApp } from "./routes/plan.index";
import { publicStatsApp } from "./routes/public-stats.index";
import { reportsApp } from "./routes/reports.index";
import { staffApp } from "./routes/staff.index";
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
    .route("/", attachmentsApp)
    .route("/", authApp)
    .route("/", accountRoutes)
    .route("/", usersApp)
    .route("/", leadsApp)
    .route("/", inspectionsApp)
    .route("/", inspectionDocumentsApp)
    .route("/", planApp)
    .route("/", measuresApp)
    .route("/", exportsApp)
    .route("/", staffApp)
    .route("/", contestsApp)
    .route("/", publicStatsApp)
    .route("/", docsApp);

  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Phản ánh Công vụ API",
      version: "1.0.0",
      description: "Public-service complaint portal of Hanoi: reporting, triage, inspections and public statistics.",
      license: { name: "CC BY 4.0 (open data)", url: "https://creativecommons.org/licenses/by/4.0/" },
    },
  });

  const app = createApp();
  app.use("*", requestContext, securityHeaders);
  app.use("/api/*", originCheck);
  app.route("/api", api);
  app.all("/api/*", () => {
    throw new ApiError("not_found");
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
