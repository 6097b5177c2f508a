import { z } from "zod";

/**
 * How a report reached the team (issue 11, "Staff intake channels"). `web` is
 * the portal's own form; every other channel is entered by staff on the
 * person's behalf. The statistics rollups count reports per channel from this
 * list (`db/rollups/definition.ts`), so a new channel gets its own column.
 * `open311` is a registered client app filing through `POST /open311/v2/requests`.
 */
export const CHANNELS = [
  "web",
  "hotline",
  "post",
  "in_person",
  "email",
  "forwarded_agency",
  "other_portal",
  "open311",
] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

/** The channels staff enter reports through (`POST /api/intake/reports`): every channel but the web form. */
export const STAFF_CHANNELS = ["hotline", "post", "in_person", "email", "forwarded_agency", "other_portal"] as const;
export const StaffChannelSchema = z.enum(STAFF_CHANNELS);
export type StaffChannel = z.infer<typeof StaffChannelSchema>;

/** Public names of the channels, in Vietnamese and English. */
export const CHANNEL_LABELS: Readonly<Record<Channel, { vi: string; en: string }>> = {
  web: { vi: "Cổng phản ánh trực tuyến", en: "Online form" },
  hotline: { vi: "Đường dây nóng 1022", en: "1022 hotline" },
  post: { vi: "Thư gửi qua bưu chính", en: "Post" },
  in_person: { vi: "Trực tiếp tại nơi tiếp công dân", en: "In person at a reception point" },
  email: { vi: "Thư điện tử", en: "E-mail" },
  forwarded_agency: { vi: "Cơ quan khác chuyển đến", en: "Forwarded by another agency" },
  other_portal: { vi: "Cổng DVC quốc gia, iHanoi", en: "National or city portal (iHanoi)" },
  open311: { vi: "Ứng dụng kết nối (Open311)", en: "Connected app (Open311)" },
};

/** Whether a stored channel value is one of the contract's. */
export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}
