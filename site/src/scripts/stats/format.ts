/** Number, share and date formats of the statistics pages, in the page's language. */
export interface StatsFormat {
  number(value: number): string;
  percent(value: number): string;
  decimal(value: number): string;
}

export function statsFormat(lang: "vi" | "en"): StatsFormat {
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    number: (value) => integer.format(value),
    percent: (value) => percent.format(value),
    decimal: (value) => decimal.format(value),
  };
}

/** `YYYY-MM-DD` as `dd/mm/yyyy`, the date format of both languages. */
export function formatIsoDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** An instant as `dd/mm/yyyy HH:mm` in Hanoi time. */
export function formatInstant(iso: string): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  for (const part of format.formatToParts(new Date(time))) parts[part.type] = part.value;
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
