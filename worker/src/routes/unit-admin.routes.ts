import { createRoute } from "@hono/zod-openapi";
import {
  AdminUnitListSchema,
  AdminUnitQuerySchema,
  AdminUnitSchema,
  UnitCreateSchema,
  UnitMergeSchema,
  UnitRetireSchema,
  UnitSplitResultSchema,
  UnitSplitSchema,
  UnitUpdateSchema,
} from "../contracts/unit-admin";
import { IdParams, json, problem, staffSession } from "../http/openapi";

const guarded = { 401: problem("No session"), 403: problem("Not an administrator") };
const changeProblems = {
  404: problem("No such unit"),
  409: problem("The unit has already ended, a name or code is taken, or the unit changed meanwhile"),
  422: problem("Invalid fields: unknown successor or parent, merge into itself, a loop, a successor ended, a bad date"),
  ...guarded,
};

export const listUnitsAdminRoute = createRoute({
  method: "get",
  path: "/admin/units",
  tags: ["admin"],
  security: staffSession,
  summary: "The directory for administrators: units by name, kind and status (current, ended, to confirm, all)",
  request: { query: AdminUnitQuerySchema },
  responses: {
    200: { description: "Units with their former names", content: json(AdminUnitListSchema) },
    422: problem("Bad parameters"),
    ...guarded,
  },
});

export const getUnitAdminRoute = createRoute({
  method: "get",
  path: "/admin/units/{id}",
  tags: ["admin"],
  security: staffSession,
  summary: "One unit with its former names, successor and status",
  request: { params: IdParams },
  responses: {
    200: { description: "The unit", content: json(AdminUnitSchema) },
    404: problem("No such unit"),
    ...guarded,
  },
});

export const createUnitRoute = createRoute({
  method: "post",
  path: "/admin/units",
  tags: ["admin"],
  security: staffSession,
  summary: "Create a department, agency, ward or commune under a parent, with its sector",
  request: { body: { content: json(UnitCreateSchema), required: true } },
  responses: {
    201: { description: "Created", content: json(AdminUnitSchema) },
    409: problem("A current unit has this name, or the code is taken"),
    422: problem("Invalid fields or unknown parent"),
    ...guarded,
  },
});

export const updateUnitRoute = createRoute({
  method: "patch",
  path: "/admin/units/{id}",
  tags: ["admin"],
  security: staffSession,
  summary: "Rename (the old name becomes an alias ending renamedOn), set parent or sector, confirm a starting entry",
  request: { params: IdParams, body: { content: json(UnitUpdateSchema), required: true } },
  responses: { 200: { description: "Updated", content: json(AdminUnitSchema) }, ...changeProblems },
});

export const mergeUnitRoute = createRoute({
  method: "post",
  path: "/admin/units/{id}/merge",
  tags: ["admin"],
  security: staffSession,
  summary:
    "Merge into a successor from effectiveOn: new reports go to the successor; reports, open leads and statistics stay with the unit",
  request: { params: IdParams, body: { content: json(UnitMergeSchema), required: true } },
  responses: { 200: { description: "The merged unit", content: json(AdminUnitSchema) }, ...changeProblems },
});

export const splitUnitRoute = createRoute({
  method: "post",
  path: "/admin/units/{id}/split",
  tags: ["admin"],
  security: staffSession,
  summary:
    "Divide among existing or new units from effectiveOn: reports must then choose one; the old name becomes a partial alias of each",
  request: { params: IdParams, body: { content: json(UnitSplitSchema), required: true } },
  responses: {
    200: { description: "The unit and its successors", content: json(UnitSplitResultSchema) },
    ...changeProblems,
  },
});

export const retireUnitRoute = createRoute({
  method: "post",
  path: "/admin/units/{id}/retire",
  tags: ["admin"],
  security: staffSession,
  summary: "End a unit from effectiveOn without a successor: no new reports; its history stays",
  request: { params: IdParams, body: { content: json(UnitRetireSchema), required: true } },
  responses: { 200: { description: "The retired unit", content: json(AdminUnitSchema) }, ...changeProblems },
});
