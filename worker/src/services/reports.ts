import { type Message, MessageSchema, type ReportView, ReportViewSchema } from "../contracts/reports";
import { auditInsert } from "../db/queries/audit";
import { leadStatusIs, updateLead } from "../db/queries/leads";
import {
  findReportByTrackingCode,
  insertMessage,
  type ReportRow,
  reporterStatusChanges,
  reportsOfLead,
  reportView,
  touchReport,
} from "../db/queries/reports";
import { findLead } from "../db/queries/triage";
import { reporterResumedEvent } from "../db/rows/lead-events";
import { leadResumedColumns } from "../db/rows/records";
import { eventIds } from "../domain/notifications";
import { ApiError } from "../http/errors";
import { sha256Hex, timingSafeEqual } from "../lib/crypto";
import { type Statements, tryGuarded, writeBatch } from "./batch";
import type { ServiceContext } from "./context";
import { flushNotifications, notificationEvent } from "./notifications";

/** What the reporter does with a receipt: follow the report and answer the inspectors. */

/** Attempts at writing a reply while inspectors keep moving its lead. */
const REPLY_ATTEMPTS = 3;

/**
 * The report behind a tracking code, if `secret` is its receipt secret.
 * An unknown code and a wrong secret both throw the same 404, and the hash is
 * compared in constant time (a dummy hash is compared when the code is
 * unknown, so both paths do the same work).
 */
export async function receiptHolder(
  ctx: ServiceContext,
  trackingCode: string,
  secret: string | undefined,
): Promise<ReportRow> {
  const row = await findReportByTrackingCode(ctx.db, trackingCode);
  const presented = await sha256Hex(secret ?? "");
  const stored = row?.secretHash ?? "0".repeat(64);
  const matches = timingSafeEqual(presented, stored);
  if (!row || !secret || !matches) throw new ApiError("not_found");
  return row;
}

/** `GET /api/reports/{trackingCode}`: status, timeline, messages and evidence list, as the reporter sees them. */
export async function followReport(ctx: ServiceContext, report: ReportRow): Promise<ReportView> {
  return ReportViewSchema.parse(await reportView(ctx.db, report));
}

/**
 * A reporter answering a question puts the lead back in review: the
 * inspectors asked, the answer is in, and the lead must not sit in
 * "information requested" until someone notices. Written as the reporter's
 * act in the audit log (the reporter has no account).
 */
async function resumeStatements(ctx: ServiceContext, leadId: string): Promise<Statements> {
  const at = ctx.now.toISOString();
  return [
    updateLead(ctx.db, leadId, leadResumedColumns(at)),
    ...reporterStatusChanges(ctx.db, await reportsOfLead(ctx.db, leadId), "in_review", at),
    auditInsert(ctx.db, reporterResumedEvent(leadId, at)),
  ];
}

/**
 * `POST /api/reports/{trackingCode}/messages`: the reporter's message, in one
 * batch with the lead's return to review when the inspectors were waiting
 * for an answer. When an inspector moves the lead meanwhile, their decision
 * stands and the message is written with the lead as it now is.
 */
export async function replyAsReporter(ctx: ServiceContext, report: ReportRow, body: string): Promise<Message> {
  const at = ctx.now.toISOString();
  const message = MessageSchema.parse({ id: crypto.randomUUID(), from: "reporter", body, at });
  const reply = [
    insertMessage(ctx.db, { id: message.id, reportId: report.id, sender: "reporter", body, at }),
    touchReport(ctx.db, report.id, at),
    ...(report.leadId
      ? [
          notificationEvent(ctx, {
            id: eventIds.reporterReplied(message.id),
            kind: "lead.reporter_replied",
            subjectId: report.leadId,
            payload: { leadId: report.leadId, trackingCode: report.trackingCode },
          }),
        ]
      : []),
  ];
  for (let attempt = 1; attempt <= REPLY_ATTEMPTS && report.leadId; attempt++) {
    const lead = await findLead(ctx.db, report.leadId);
    if (lead?.status !== "info_requested") break;
    const statements = [...reply, ...(await resumeStatements(ctx, lead.id))];
    if (await tryGuarded(ctx.db, leadStatusIs(lead.id, "info_requested"), statements)) {
      await flushNotifications(ctx);
      return message;
    }
  }
  await writeBatch(ctx.db, reply);
  await flushNotifications(ctx);
  return message;
}
