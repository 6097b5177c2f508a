import { and, count, eq, exists, sql } from "drizzle-orm";
import type { Attachment } from "../../contracts/reports";
import type { Db } from "../client";
import { attachments, reports } from "../schema";

/** An evidence file already stored in R2, ready to be recorded. */
export interface NewAttachment {
  id: string;
  reportId: string;
  objectKey: string;
  contentType: Attachment["contentType"];
  /** Size of the stored (stripped) bytes. */
  size: number;
  /** SHA-256 of the file as uploaded. */
  sha256: string;
  /** SHA-256 of the stored bytes. */
  storedSha256: string;
  uploadedBy: "reporter" | "inspector";
  createdAt: string;
}

/** How many evidence files a report has. */
export async function countAttachments(db: Db, reportId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(attachments).where(eq(attachments.reportId, reportId));
  return row?.n ?? 0;
}

/**
 * Records an attachment and touches the report's `updatedAt` in one D1 batch,
 * but only while the report has fewer than `maxFiles` files: the count is
 * part of the INSERT, so two uploads racing for the last slot cannot both
 * win. Returns false (and writes nothing) when the report is full.
 */
export async function insertAttachment(db: Db, file: NewAttachment, maxFiles: number): Promise<boolean> {
  const [inserted] = await db.batch([
    // With raw SQL, Drizzle lists the columns in table order: the select follows it.
    db.insert(attachments).select(sql`
      select ${file.id}, ${file.reportId}, ${file.objectKey}, ${file.contentType}, ${file.size},
        ${file.sha256}, ${file.storedSha256}, ${file.uploadedBy}, ${file.createdAt}
      where (select count(*) from ${attachments} where ${attachments.reportId} = ${file.reportId}) < ${maxFiles}`),
    db
      .update(reports)
      .set({ updatedAt: file.createdAt })
      .where(
        and(
          eq(reports.id, file.reportId),
          exists(db.select({ one: sql`1` }).from(attachments).where(eq(attachments.id, file.id))),
        ),
      ),
  ]);
  return (inserted.meta.changes ?? 0) > 0;
}
