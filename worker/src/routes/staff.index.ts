import { StaffListSchema } from "../contracts/staff";
import { createDb } from "../db/client";
import { listStaff } from "../db/queries/staff";
import { createApp } from "../http/create-app";
import { requireActor } from "../middleware/session";
import { listStaffRoute } from "./staff.routes";

const app = createApp();
app.use("/staff", requireActor("leads.read"));

/** `GET /api/staff`: who can be put on an inspection team. */
export const staffApp = app.openapi(listStaffRoute, async (c) => {
  const items = await listStaff(createDb(c.env.DB), c.req.valid("query").unitId);
  return c.json(StaffListSchema.parse({ items }), 200);
});
