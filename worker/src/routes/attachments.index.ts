import { createApp } from "../http/create-app";

/** `POST /api/reports/{trackingCode}/attachments`: filled in by the evidence work. */
export const attachmentsApp = createApp();
