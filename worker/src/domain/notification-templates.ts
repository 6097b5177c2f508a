/**
 * The e-mails, in Vietnamese and English. Parameters are ids, tracking
 * codes, unit names, dates (YYYY-MM-DD, shown dd/mm/yyyy) and counts: no
 * field can hold a report's text, a note or a secret, so none can reach an
 * e-mail. Every value is HTML-escaped in the HTML part.
 */
import type { NotificationKind } from "./notifications";

type Lang = "vi" | "en";

/** Parameters of each kind's template. */
export interface TemplateParams {
  "lead.high_priority": { leadId: string; unitName: string; priority: number };
  "dismissal.awaiting_approval": { leadId: string; unitName: string };
  "contest.filed": { leadId: string; trackingCode: string };
  "lead.reporter_replied": { leadId: string; trackingCode: string };
  "digest.daily": { date: string; overdueLeads: number; overdueMeasures: number };
  "measure.answered": { measureId: string; inspectionId: string; unitName: string };
  "measure.created": { measureId: string; unitName: string; deadline: string };
  "measure.deadline_soon": { measureId: string; unitName: string; deadline: string };
  "measure.overdue": { measureId: string; unitName: string; deadline: string };
  "measure.verified": { measureId: string; unitName: string; deadline: string };
  "measure.rejected": { measureId: string; unitName: string; deadline: string };
  "report.status_changed": { trackingCode: string; status: string };
}

/** A rendered e-mail. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Where links point: the public site's origin (`PUBLIC_BASE_URL`). */
export interface LinkBase {
  origin: string;
}

const CONSOLE = { vi: "/kiem-tra/", en: "/en/console/" } as const;
const LEAD = { vi: "/kiem-tra/dau-moi/?id=", en: "/en/console/lead/?id=" } as const;
const INSPECTION = { vi: "/kiem-tra/cuoc-kiem-tra/?id=", en: "/en/console/inspection/?id=" } as const;
const MEASURES = { vi: "/kiem-tra/bien-phap/", en: "/en/console/measures/" } as const;
const PREFERENCES = { vi: "/kiem-tra/tai-khoan/", en: "/en/console/account/" } as const;
const FOLLOW = { vi: "/theo-doi/", en: "/en/follow/" } as const;

/** `YYYY-MM-DD` (or an ISO instant) as dd/mm/yyyy. */
function ddmmyyyy(date: string): string {
  const [y, m, d] = date.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** A count the Vietnamese way (1.586) or the English way (1,586). */
function count(lang: Lang, n: number): string {
  return n.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB");
}

const REPORT_STATUS_NAMES: Record<Lang, Record<string, string>> = {
  vi: {
    received: "đã tiếp nhận",
    in_review: "đang xem xét",
    info_requested: "cần bổ sung thông tin",
    referred: "đã chuyển kiểm tra",
    not_actionable: "không đủ căn cứ xử lý",
    concluded: "đã có kết luận",
  },
  en: {
    received: "received",
    in_review: "under review",
    info_requested: "more information requested",
    referred: "referred for inspection",
    not_actionable: "not actionable",
    concluded: "concluded",
  },
};

interface Draft {
  subject: string;
  lines: string[];
  link: { href: string; label: string };
}

function draft<K extends NotificationKind>(kind: K, lang: Lang, p: TemplateParams[K], base: LinkBase): Draft {
  const vi = lang === "vi";
  const o = base.origin;
  // TypeScript does not narrow `p` by `kind`: each case reads its own kind's parameters.
  switch (kind) {
    case "lead.high_priority": {
      const x = p as unknown as TemplateParams["lead.high_priority"];
      return {
        subject: vi ? `Đầu mối ưu tiên cao mới: ${x.unitName}` : `New high-priority lead: ${x.unitName}`,
        lines: [
          vi
            ? `Một đầu mối mới về ${x.unitName} có điểm ưu tiên ${count(lang, x.priority)}.`
            : `A new lead about ${x.unitName} has priority ${count(lang, x.priority)}.`,
        ],
        link: { href: `${o}${LEAD[lang]}${encodeURIComponent(x.leadId)}`, label: vi ? "Mở đầu mối" : "Open the lead" },
      };
    }
    case "dismissal.awaiting_approval": {
      const x = p as unknown as TemplateParams["dismissal.awaiting_approval"];
      return {
        subject: vi ? `Đề xuất không xử lý chờ phê duyệt: ${x.unitName}` : `Dismissal awaiting approval: ${x.unitName}`,
        lines: [
          vi
            ? `Một đầu mối về ${x.unitName} được đề xuất không xử lý và cần người thứ hai phê duyệt.`
            : `A lead about ${x.unitName} was proposed for dismissal and needs a second person's approval.`,
        ],
        link: { href: `${o}${LEAD[lang]}${encodeURIComponent(x.leadId)}`, label: vi ? "Mở đầu mối" : "Open the lead" },
      };
    }
    case "contest.filed": {
      const x = p as unknown as TemplateParams["contest.filed"];
      return {
        subject: vi ? `Người phản ánh không đồng ý kết quả: ${x.trackingCode}` : `Outcome contested: ${x.trackingCode}`,
        lines: [
          vi
            ? `Người phản ánh ${x.trackingCode} không đồng ý với kết quả xử lý. Việc xem xét lại có thời hạn luật định.`
            : `The reporter of ${x.trackingCode} contests the outcome. The review has a statutory deadline.`,
        ],
        link: { href: `${o}${LEAD[lang]}${encodeURIComponent(x.leadId)}`, label: vi ? "Mở đầu mối" : "Open the lead" },
      };
    }
    case "lead.reporter_replied": {
      const x = p as unknown as TemplateParams["lead.reporter_replied"];
      return {
        subject: vi ? `Người phản ánh đã trả lời: ${x.trackingCode}` : `The reporter replied: ${x.trackingCode}`,
        lines: [
          vi
            ? `Có tin nhắn mới của người phản ánh ${x.trackingCode}. Nội dung xem trong bảng điều khiển.`
            : `There is a new message from the reporter of ${x.trackingCode}. Read it in the console.`,
        ],
        link: { href: `${o}${LEAD[lang]}${encodeURIComponent(x.leadId)}`, label: vi ? "Mở đầu mối" : "Open the lead" },
      };
    }
    case "digest.daily": {
      const x = p as unknown as TemplateParams["digest.daily"];
      return {
        subject: vi
          ? `Tổng hợp ngày ${ddmmyyyy(x.date)}: việc quá hạn`
          : `Daily digest ${ddmmyyyy(x.date)}: overdue work`,
        lines: [
          vi ? `Đầu mối quá hạn: ${count(lang, x.overdueLeads)}.` : `Overdue leads: ${count(lang, x.overdueLeads)}.`,
          vi
            ? `Biện pháp chấn chỉnh quá hạn: ${count(lang, x.overdueMeasures)}.`
            : `Overdue corrective measures: ${count(lang, x.overdueMeasures)}.`,
        ],
        link: {
          href: `${o}${CONSOLE[lang]}${vi ? "qua-han/" : "overdue/"}`,
          label: vi ? "Mở danh sách quá hạn" : "Open the overdue list",
        },
      };
    }
    case "measure.answered": {
      const x = p as unknown as TemplateParams["measure.answered"];
      return {
        subject: vi ? `Đơn vị đã trả lời biện pháp: ${x.unitName}` : `The unit answered a measure: ${x.unitName}`,
        lines: [
          vi
            ? `${x.unitName} đã gửi trả lời cho một biện pháp chấn chỉnh. Cần xác minh.`
            : `${x.unitName} answered a corrective measure. It needs verifying.`,
        ],
        link: {
          href: `${o}${INSPECTION[lang]}${encodeURIComponent(x.inspectionId)}`,
          label: vi ? "Mở cuộc kiểm tra" : "Open the inspection",
        },
      };
    }
    case "measure.created":
    case "measure.deadline_soon":
    case "measure.overdue": {
      const x = p as unknown as TemplateParams["measure.created"];
      const due = ddmmyyyy(x.deadline);
      const subjects = {
        "measure.created": vi
          ? `Biện pháp chấn chỉnh mới cho ${x.unitName}`
          : `New corrective measure for ${x.unitName}`,
        "measure.deadline_soon": vi ? `Biện pháp sắp đến hạn (${due})` : `Measure due soon (${due})`,
        "measure.overdue": vi ? `Biện pháp đã quá hạn (${due})` : `Measure overdue (${due})`,
      } as const;
      return {
        subject: subjects[kind as "measure.created"],
        lines: [vi ? `Hạn thực hiện: ${due}.` : `Deadline: ${due}.`],
        link: { href: `${o}${MEASURES[lang]}`, label: vi ? "Mở danh sách biện pháp" : "Open the measures" },
      };
    }
    case "measure.verified":
    case "measure.rejected": {
      // The team's reason for a rejection is free text: it stays in the console, never in the e-mail.
      const x = p as unknown as TemplateParams["measure.verified"];
      const verified = kind === "measure.verified";
      return {
        subject: verified
          ? vi
            ? `Biện pháp đã được xác nhận hoàn thành: ${x.unitName}`
            : `Measure confirmed as done: ${x.unitName}`
          : vi
            ? `Trả lời biện pháp chưa được chấp nhận: ${x.unitName}`
            : `Answer to a measure not accepted: ${x.unitName}`,
        lines: [
          verified
            ? vi
              ? `Đoàn kiểm tra đã xác nhận biện pháp (hạn ${ddmmyyyy(x.deadline)}) hoàn thành.`
              : `The inspection team confirmed the measure (due ${ddmmyyyy(x.deadline)}) as done.`
            : vi
              ? `Đoàn kiểm tra chưa chấp nhận trả lời cho biện pháp (hạn ${ddmmyyyy(x.deadline)}). Xem lý do và trả lời lại trong bảng điều khiển.`
              : `The inspection team did not accept the answer to the measure (due ${ddmmyyyy(x.deadline)}). Read the reason and answer again in the console.`,
        ],
        link: { href: `${o}${MEASURES[lang]}`, label: vi ? "Mở danh sách biện pháp" : "Open the measures" },
      };
    }
    case "report.status_changed": {
      const x = p as unknown as TemplateParams["report.status_changed"];
      const status = REPORT_STATUS_NAMES[lang][x.status] ?? x.status;
      return {
        subject: vi ? `Phản ánh ${x.trackingCode}: trạng thái mới` : `Report ${x.trackingCode}: new status`,
        lines: [
          vi
            ? `Trạng thái phản ánh ${x.trackingCode} của bạn đã thay đổi: ${status}.`
            : `The status of your report ${x.trackingCode} changed: ${status}.`,
          vi
            ? "Mở trang theo dõi và nhập mã bí mật để xem chi tiết. Chúng tôi không bao giờ gửi mã bí mật qua thư."
            : "Open the follow page and enter your secret to see the details. We never send your secret by e-mail.",
        ],
        link: { href: `${o}${FOLLOW[lang]}`, label: vi ? "Trang theo dõi" : "Follow page" },
      };
    }
  }
  throw new Error(`no template for ${kind}`);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Renders one e-mail. Staff e-mails end with where to change preferences;
 * a reporter's does not (they have no account).
 *
 * @example
 * render("digest.daily", "vi", { date: "2026-12-06", overdueLeads: 3, overdueMeasures: 1 }, { origin: "https://x" })
 */
export function render<K extends NotificationKind>(
  kind: K,
  lang: Lang,
  params: TemplateParams[K],
  base: LinkBase,
): RenderedMail {
  const d = draft(kind, lang, params, base);
  const footer =
    kind === "report.status_changed"
      ? lang === "vi"
        ? "Thư tự động của Phản ánh Công vụ. Vui lòng không trả lời."
        : "An automatic message from Phản ánh Công vụ. Please do not reply."
      : lang === "vi"
        ? `Thư tự động. Đổi loại thông báo nhận được tại ${base.origin}${PREFERENCES.vi}`
        : `Automatic message. Choose which notifications you get at ${base.origin}${PREFERENCES.en}`;
  const text = [...d.lines, "", `${d.link.label}: ${d.link.href}`, "", footer].join("\n");
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(d.subject)}</title></head><body>`,
    ...d.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(d.link.href)}">${escapeHtml(d.link.label)}</a></p>`,
    `<p><small>${escapeHtml(footer)}</small></p>`,
    "</body></html>",
  ].join("\n");
  return { subject: d.subject, text, html };
}
