/** The contracts' validation messages; they live beside the contracts so the site can share them. */
export { CUSTOM_MESSAGES, type CustomMessageKey, localizeIssue, toFieldErrors, toPointer } from "../contracts/messages";
