import { createRoute } from "@hono/zod-openapi";
import {
  MeasureListSchema,
  MeasureQuerySchema,
  MeasureRejectInputSchema,
  MeasureResponseInputSchema,
  MeasureSchema,
} from "../contracts/inspections";
import { IdParams, json, problem, sessionGuarded, staffSession } from "../http/openapi";

const tags = ["measures"];

export const listMeasuresRoute = createRoute({
  method: "get",
  path: "/measures",
  tags,
  security: staffSession,
  summary: "Corrective measures, earliest deadline first, with their history; recusal applies",
  request: { query: MeasureQuerySchema },
  responses: {
    200: { description: "Measures", content: json(MeasureListSchema) },
    422: problem("Bad filter"),
    ...sessionGuarded,
  },
});

export const respondMeasureRoute = createRoute({
  method: "post",
  path: "/measures/{id}/response",
  tags,
  security: staffSession,
  summary: "Record the responsible unit's response (inspector or supervisor): open/overdue → responded",
  request: { params: IdParams, body: { content: json(MeasureResponseInputSchema), required: true } },
  responses: {
    200: { description: "The measure", content: json(MeasureSchema) },
    404: problem("No such measure"),
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
