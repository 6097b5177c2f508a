import { z } from "zod";
import { RoleSchema } from "./auth";

/** `GET /api/staff?unitId=` */
export const StaffQuerySchema = z.object({ unitId: z.string().min(1).max(64).optional() });

export const StaffMemberSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  /** Tied to the unit or one of its parents: cannot join a team inspecting it. */
  recused: z.boolean(),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const StaffListSchema = z.object({ items: z.array(StaffMemberSchema) });
export type StaffList = z.infer<typeof StaffListSchema>;
