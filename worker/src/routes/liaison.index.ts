import type { Context } from "hono";
import { MeasureDocumentSchema } from "../contracts/inspections";
import { MEASURE_DOCUMENT_MAX_BYTES, MEASURE_DOCUMENT_TITLE_MAX, UnitMeasureSchema } from "../contracts/liaison";
import type { AppEnv } from "../env";
import { readBodyUpTo } from "../http/body";
import { createApp } from "../http/create-app";
import { ApiError } from "../http/errors";
import { actorContext } from "../http/service-context";
import { EVIDENCE_MESSAGES } from "../i18n/evidence";
import { LIAISON_MESSAGES } from "../i18n/liaison";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import {
  forwardedLeads,
  getUnitMeasure,
  type MeasureUpload,
  measureDocumentFile,
  requestExtension,
  uploadMeasureDocument,
} from "../services/liaison";
import {
  downloadMeasureDocumentRoute,
  ForwardedLeadListSchema,
  getUnitMeasureRoute,
  requestExtensionRoute,
  unitLeadsRoute,
  uploadMeasureDocumentRoute,
} from "./liaison.routes";

/** The multipart body may carry the file plus its parts' headers and the title. */
const MAX_REQUEST_BYTES = MEASURE_DOCUMENT_MAX_BYTES + 64 * 1024;

/**
 * Reads the `file` part and optional `title` of a measure document, streaming
 * the body with a size check, or throws the 4xx saying what is wrong.
 */
async function readUpload(c: Context<AppEnv>): Promise<MeasureUpload> {
  const lang = c.get("lang");
  const contentType = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*\bboundary=/i.test(contentType)) {
    throw new ApiError("unsupported_media_type", { detail: EVIDENCE_MESSAGES.not_multipart[lang] });
  }
  const tooLarge = LIAISON_MESSAGES.too_large[lang];
  if (Number(c.req.header("content-length") ?? "0") > MAX_REQUEST_BYTES) {
    throw new ApiError("payload_too_large", { detail: tooLarge });
  }
  const raw = await readBodyUpTo(c.req.raw, MAX_REQUEST_BYTES, tooLarge);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "Content-Type": contentType } }).formData();
  } catch (cause) {
    throw new ApiError("bad_request", { detail: EVIDENCE_MESSAGES.unreadable_form[lang], cause });
  }
  const parts = form.getAll("file");
  const [file] = parts;
  if (parts.length !== 1 || !(file instanceof File)) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: "/file", message: EVIDENCE_MESSAGES.file_required[lang] }],
    });
  }
  if (file.size > MEASURE_DOCUMENT_MAX_BYTES) throw new ApiError("payload_too_large", { detail: tooLarge });
  const title = form.get("title");
  return {
    file,
    title:
      typeof title === "string"
        ? title.normalize("NFC").trim().slice(0, MEASURE_DOCUMENT_TITLE_MAX) || undefined
        : undefined,
  };
}

const app = createApp();
app.use("/unit/*", requireActor("unit.read"));
app.use("/measures/:id/extension-request", requireActor("unit.respond"), jsonBodyLimit);
app.on("POST", "/measures/:id/documents", requireActor("unit.respond"));
app.use("/measures/:id/documents/*", requireActor(["inspections.read", "unit.read"]));

/**
 * The unit liaison's own routes (issue 13): one measure with the
 * conclusion's public parts, documents for the response, a request for a
 * later deadline, and the leads forwarded to the unit. Scoped to the
 * liaison's unit and its sub-units; anything else is a 404.
 */
export const liaisonApp = app
  .openapi(getUnitMeasureRoute, async (c) =>
    c.json(UnitMeasureSchema.parse(await getUnitMeasure(actorContext(c), c.req.valid("param").id)), 200),
  )
  .openapi(unitLeadsRoute, async (c) =>
    c.json(ForwardedLeadListSchema.parse({ items: await forwardedLeads(actorContext(c)) }), 200),
  )
  .openapi(uploadMeasureDocumentRoute, async (c) => {
    const doc = await uploadMeasureDocument(actorContext(c), c.req.valid("param").id, () => readUpload(c));
    return c.json(MeasureDocumentSchema.parse(doc), 201);
  })
  .openapi(downloadMeasureDocumentRoute, async (c) => {
    const { id, docId } = c.req.valid("param");
    const { object, contentType } = await measureDocumentFile(actorContext(c), id, docId);
    const extension = contentType === "application/pdf" ? "pdf" : contentType.slice("image/".length);
    return new Response(object.body, {
      headers: {
        "Content-Type": contentType,
        "Content-Disposition": `attachment; filename="${docId}.${extension}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  })
  .openapi(requestExtensionRoute, async (c) => {
    const measure = await requestExtension(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(UnitMeasureSchema.parse(measure), 201);
  });
