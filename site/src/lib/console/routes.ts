import type { Lang } from "../../i18n";

/** The console's pages; each exists in both languages. */
export type ConsolePage =
  | "login"
  | "queue"
  | "overdue"
  | "approvals"
  | "lead"
  | "account"
  | "admin"
  | "holidays"
  | "settings"
  | "units"
  | "plan"
  | "inspection"
  | "measures"
  | "intake"
  | "apiClients"
  | "unit"
  | "unitMeasure";

/** Paths of the console pages per language (Vietnamese under /kiem-tra/, English under /en/console/). */
export const CONSOLE_ROUTES: Record<Lang, Record<ConsolePage, string>> = {
  vi: {
    login: "/kiem-tra/dang-nhap/",
    queue: "/kiem-tra/",
    overdue: "/kiem-tra/qua-han/",
    approvals: "/kiem-tra/phe-duyet/",
    lead: "/kiem-tra/dau-moi/",
    account: "/kiem-tra/tai-khoan/",
    admin: "/kiem-tra/quan-tri/",
    holidays: "/kiem-tra/quan-tri/ngay-nghi/",
    settings: "/kiem-tra/quan-tri/cai-dat/",
    units: "/kiem-tra/quan-tri/don-vi/",
    plan: "/kiem-tra/ke-hoach/",
    inspection: "/kiem-tra/cuoc-kiem-tra/",
    measures: "/kiem-tra/bien-phap/",
    intake: "/kiem-tra/tiep-nhan/",
    apiClients: "/kiem-tra/quan-tri/ung-dung/",
    unit: "/kiem-tra/don-vi-cua-toi/",
    unitMeasure: "/kiem-tra/don-vi-cua-toi/bien-phap/",
  },
  en: {
    login: "/en/console/login/",
    queue: "/en/console/",
    overdue: "/en/console/overdue/",
    approvals: "/en/console/approvals/",
    lead: "/en/console/lead/",
    account: "/en/console/account/",
    admin: "/en/console/admin/",
    holidays: "/en/console/admin/holidays/",
    settings: "/en/console/admin/settings/",
    units: "/en/console/admin/units/",
    plan: "/en/console/plan/",
    inspection: "/en/console/inspection/",
    measures: "/en/console/measures/",
    intake: "/en/console/intake/",
    apiClients: "/en/console/admin/api-clients/",
    unit: "/en/console/my-unit/",
    unitMeasure: "/en/console/my-unit/measure/",
  },
};

/** The lead page's address for a lead. */
export function leadHref(lang: Lang, id: string): string {
  return `${CONSOLE_ROUTES[lang].lead}?id=${encodeURIComponent(id)}`;
}

/** The unit liaison's page of one measure. */
export function unitMeasureHref(lang: Lang, id: string): string {
  return `${CONSOLE_ROUTES[lang].unitMeasure}?id=${encodeURIComponent(id)}`;
}

/** The inspection page's address for an inspection. */
export function inspectionHref(lang: Lang, id: string): string {
  return `${CONSOLE_ROUTES[lang].inspection}?id=${encodeURIComponent(id)}`;
}

/**
 * Where to go after sign-in: `next` when it is a console page of this
 * language (never another site: an open redirect would help phishing).
 */
export function safeNext(lang: Lang, next: string | null): string | null {
  if (!next) return null;
  const base = CONSOLE_ROUTES[lang].queue;
  return next.startsWith(base) && !next.startsWith("//") && !next.includes("\\") ? next : null;
}
