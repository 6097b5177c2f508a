import { and, eq } from "drizzle-orm";
import type { InspectionDocument } from "../../contracts/inspections";
import type { Db } from "../client";
import { inspectionDocuments } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";

/** Records an uploaded document (already in R2) with its audit event, in one batch. */
export async function insertDocument(
  db: Db,
  actor: Actor,
  doc: { id: string; inspectionId: string; title: string; objectKey: string; sha256: string; size: number },
  now: Date,
): Promise<InspectionDocument> {
  const at = now.toISOString();
  await db.batch([
    db.insert(inspectionDocuments).values({ ...doc, uploadedBy: actor.id, createdAt: at }),
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: "inspection.document_added",
      targetType: "inspection",
      targetId: doc.inspectionId,
      summary: { documentId: doc.id, title: doc.title, sha256: doc.sha256, size: doc.size },
      at,
    }),
  ]);
  return {
    id: doc.id,
    title: doc.title,
    contentType: "application/pdf",
    size: doc.size,
    sha256: doc.sha256,
    uploadedBy: actor.id,
    createdAt: at,
  };
}

/** A document of an inspection (the inspection already checked visible). */
export async function findDocument(db: Db, inspectionId: string, docId: string) {
  const [row] = await db
    .select()
    .from(inspectionDocuments)
    .where(and(eq(inspectionDocuments.inspectionId, inspectionId), eq(inspectionDocuments.id, docId)))
    .limit(1);
  return row;
}
