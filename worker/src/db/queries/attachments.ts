import { and, count, eq, exists, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
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
 * The insert of an attachment, for a batch, that writes nothing when the
 * report already has `maxFiles` files: the count is part of the INSERT, so
 * two uploads racing for the last slot cannot both win. Its `changes` say
 * whether the row went in.
 */
export function insertAttachmentIfRoom(db: Db, file: NewAttachment, maxFiles: number): BatchItem<"sqlite"> {
  // With raw SQL, Drizzle lists the columns in table order: the select follows it.
  return db.insert(attachments).select(sql`
      select ${file.id}, ${file.reportId}, ${file.objectKey}, ${file.contentType}, ${file.size},
        ${file.sha256}, ${file.storedSha256}, ${file.uploadedBy}, ${file.createdAt}
      where (select count(*) from ${attachments} where ${attachments.reportId} = ${file.reportId}) < ${maxFiles}`);
}

/** A condition, inside the batch that inserts it, that the attachment's row went in. */
export function attachmentStored(db: Db, id: string): SQL {
  return exists(db.select({ one: sql`1` }).from(attachments).where(eq(attachments.id, id)));
}

/** The statement that touches the report's `updatedAt` once its new file is recorded, for a batch. */
export function touchReportForFile(db: Db, file: NewAttachment): BatchItem<"sqlite"> {
  return db
    .update(reports)
    .set({ updatedAt: file.createdAt })
    .where(and(eq(reports.id, file.reportId), attachmentStored(db, file.id)));
}
