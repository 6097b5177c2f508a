import { createRoute, z } from "@hono/zod-openapi";
import { ProblemSchema } from "../contracts/common";
import {
  MeasureListSchema,
  MeasureQuerySchema,
  MeasureRejectInputSchema,
  MeasureResponseInputSchema,
  MeasureSchema,
} from "../contracts/inspections";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});
const json = <T>(schema: T) => ({ "application/json": { schema } });
const guarded = { 401: problem("No session"), 403: problem("Role not allowed") };
const IdParams = z.object({ id: z.string().min(1).max(64) });
const tags = ["measures"];

export const listMeasuresRoute = createRoute({
  method: "get",
  path: "/measures",
  tags,
  summary: "Corrective measures, earliest deadline first, with their history; recusal applies",
  request: { query: MeasureQuerySchema },
  responses: {
    200: { description: "Measures", content: json(MeasureListSchema) },
    422: problem("Bad filter"),
    ...guarded,
  },
});

export const respondMeasureRoute = createRoute({
  method: "post",
  path: "/measures/{id}/response",
  tags,
  summary: "Record the responsible unit's response (inspector or supervisor): open/overdue → responded",
  request: { params: IdParams, body: { content: json(MeasureResponseInputSchema), required: true } },
  responses: {
    200: { description: "The measure", content: json(MeasureSchema) },
    404: problem("No such measure"),
    409: problem("Already verified"),
    ...guarded,
  },
});

export const verifyMeasureRoute = createRoute({
  method: "post",
  path: "/measures/{id}/verify",
  tags,
  summary: "Verify a responded measure (team member): responded → verified; the inspection closes when all are",
  request: { params: IdParams },
  responses: {
    200: { description: "The measure", content: json(MeasureSchema) },
    404: problem("No such measure"),
    409: problem("No response recorded"),
    ...guarded,
  },
});

export const rejectMeasureRoute = createRoute({
  method: "post",
  path: "/measures/{id}/reject",
  tags,
  summary: "Reject a response (team member): responded → open (or overdue past the deadline)",
  request: { params: IdParams, body: { content: json(MeasureRejectInputSchema), required: true } },
  responses: {
    200: { description: "The measure", content: json(MeasureSchema) },
    404: problem("No such measure"),
    409: problem("No response to reject"),
    ...guarded,
  },
});
