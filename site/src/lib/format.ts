/** Dates are shown in Hanoi time whatever the device's zone. */
const TIME_ZONE = "Asia/Ho_Chi_Minh";

const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(iso: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of PARTS.formatToParts(new Date(iso))) out[part.type] = part.value;
  return out;
}

/** `dd/mm/yyyy`, the Vietnamese date format, used in both languages. */
export function formatDate(iso: string): string {
  const p = parts(iso);
  return `${p.day}/${p.month}/${p.year}`;
}

/** `dd/mm/yyyy HH:mm` in Hanoi time. */
export function formatDateTime(iso: string): string {
  const p = parts(iso);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** File size in KB or MB with the page's decimal separator. */
export function formatBytes(bytes: number, lang: "vi" | "en"): string {
  const number = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024 ? `${number.format(bytes / 1024)} KB` : `${number.format(bytes / 1024 / 1024)} MB`;
}
