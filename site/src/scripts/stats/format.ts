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
