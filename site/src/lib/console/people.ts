import type { StaffMember } from "../../../../worker/src/contracts/staff";
import { text } from "./texts";

/** "Nguyễn Văn An · Cán bộ kiểm tra", with "(bạn)" for the signed-in user. */
export function staffLabel(member: StaffMember, selfId: string): string {
  const name = member.id === selfId ? `${member.displayName} ${text.insp().get("you")}` : member.displayName;
  return `${name} · ${text.roles().get(member.role)}`;
}
