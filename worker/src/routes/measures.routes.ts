import { createRoute } from "@hono/zod-openapi";
import {
  MeasureListSchema,
  MeasureQuerySchema,
  MeasureRejectInputSchema,
  MeasureResponseInputSchema,
  MeasureSchema,
} from "../contracts/inspections";
import { UnitMeasureListSchema, UnitMeasureSchema } from "../contracts/liaison";
import { IdParams, json, problem, sessionGuarded, staffSession } from "../http/openapi";

const tags = ["measures"];

export const listMeasuresRoute = createRoute({
  method: "get",
  path: "/measures",
  tags,
  security: staffSession,
  summary:
    "Corrective measures, earliest deadline first, with their history; recusal applies. A unit liaison gets only their unit's (and sub-units') measures, as `UnitMeasure` (the filters do not apply)",
  request: { query: MeasureQuerySchema },
  responses: {
    200: { description: "Measures", content: json(MeasureListSchema.or(UnitMeasureListSchema)) },
    422: problem("Bad filter"),
    ...sessionGuarded,
  },
});

export const respondMeasureRoute = createRoute({
  method: "post",
  path: "/measures/{id}/response",
  tags,
  security: staffSession,
  summary:
    "Record the responsible unit's response (inspector or supervisor), or answer it as the unit's liaison: open/overdue → responded; audited",
  request: { params: IdParams, body: { content: json(MeasureResponseInputSchema), required: true } },
  responses: {
    200: {
      description: "The measure (`UnitMeasure` for a liaison)",
      content: json(MeasureSchema.or(UnitMeasureSchema)),
    },
    404: problem("No such measure (for a liaison: none of their unit)"),
    409: problem("Already verified"),
    ...sessionGuarded,
  },
});

export const verifyMeasureRoute = createRoute({
  method: "post",
  path: "/measures/{id}/verify",
  tags,
  security: staffSession,
  summary: "Verify a responded measure (team member): responded → verified; the inspection closes when all are",
  request: { params: IdParams },
  responses: {
    200: { description: "The measure", content: json(MeasureSchema) },
    404: problem("No such measure"),
    409: problem("No response recorded"),
    ...sessionGuarded,
  },
});

export const rejectMeasureRoute = createRoute({
  method: "post",
  path: "/measures/{id}/reject",
  tags,
  security: staffSession,
  summary: "Reject a response (team member): responded → open (or overdue past the deadline)",
  request: { params: IdParams, body: { content: json(MeasureRejectInputSchema), required: true } },
  responses: {
    200: { description: "The measure", content: json(MeasureSchema) },
    404: problem("No such measure"),
    409: problem("No response to reject"),
    ...sessionGuarded,
  },
});
