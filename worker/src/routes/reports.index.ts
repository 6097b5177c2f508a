import { createApp } from "../http/create-app";

/** `/api/reports`: filled in by the reporting work. */
export const reportsApp = createApp();
