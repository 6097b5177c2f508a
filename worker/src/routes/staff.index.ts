import { StaffListSchema } from "../contracts/staff";
import { createApp } from "../http/create-app";
import { serviceContext } from "../http/service-context";
import { requireActor } from "../middleware/session";
import { staffDirectory } from "../services/directory";
import { listStaffRoute } from "./staff.routes";

const app = createApp();
app.use("/staff", requireActor("leads.read"));

/** `GET /api/staff`: who can be put on an inspection team. */
export const staffApp = app.openapi(listStaffRoute, async (c) => {
  const staff = await staffDirectory(serviceContext(c), c.req.valid("query").unitId);
  return c.json(StaffListSchema.parse(staff), 200);
});
