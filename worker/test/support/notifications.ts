import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { consumeNotifications, type Mailer, mailerFor } from "../../src/services/notification-delivery";

/** A row of the outbox (`notification_messages`). */
export interface MessageRow {
  id: string;
  event_id: string;
  recipient: string;
  template: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

/** A row of the local outbox (`dev_outbox`): what a developer would open. */
export interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string;
}

/** The ids of events of `kind` about `subjectId`, oldest first. */
export async function eventsOf(kind: string, subjectId?: string): Promise<string[]> {
  const rows = await env.DB.prepare(
    "SELECT id FROM notification_events WHERE kind = ?1 AND (?2 IS NULL OR subject_id = ?2) ORDER BY created_at, rowid",
  )
    .bind(kind, subjectId ?? null)
    .all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

/**
 * Delivers events through the queue consumer, as the queue would (the test
 * queue has no consumer of its own), and returns what the handler asked of
 * the queue: acks and retries (`getQueueResult`), and the retries' delays.
 */
export async function deliver(
  eventIds: readonly string[],
  options: { attempts?: number; mailer?: Mailer; queue?: string; at?: Date } = {},
) {
  const batch = createMessageBatch(
    options.queue ?? "pakn-notify",
    eventIds.map((eventId, i) => ({
      id: `m-${i}-${crypto.randomUUID()}`,
      timestamp: new Date(),
      attempts: options.attempts ?? 1,
      body: { eventId },
    })),
  );
  const ctx = createExecutionContext();
  const at = options.at ?? new Date();
  const verdicts = await consumeNotifications(batch, env, options.mailer ?? mailerFor(env, () => at), () => at);
  const result = await getQueueResult(batch, ctx);
  // The plugin's result records which messages were retried but not their delay: the verdicts carry it.
  const delays = verdicts.flatMap((v) => (v.verdict.kind === "retry" ? [v.verdict.delaySeconds] : []));
  return { ...result, delays };
}

/** The outbox rows of an event. */
export async function messagesOf(eventId: string): Promise<MessageRow[]> {
  const rows = await env.DB.prepare("SELECT * FROM notification_messages WHERE event_id = ? ORDER BY recipient")
    .bind(eventId)
    .all<MessageRow>();
  return rows.results;
}

/** What the local outbox holds for an address. */
export async function mailTo(address: string): Promise<OutboxRow[]> {
  const rows = await env.DB.prepare("SELECT * FROM dev_outbox WHERE to_address = ? ORDER BY rowid")
    .bind(address)
    .all<OutboxRow>();
  return rows.results;
}

/** A mailer that fails every send with `error`, counting calls. */
export function failingMailer(error: Error = new Error("Email Service unavailable")): Mailer & { calls: number } {
  const mailer = {
    calls: 0,
    async send(): Promise<string> {
      mailer.calls++;
      throw error;
    },
  };
  return mailer;
}
