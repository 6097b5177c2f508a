import { createApp } from "../http/create-app";

/** `GET /api/challenge`: filled in by the ALTCHA work. */
export const challengeApp = createApp();
