/** Messages of the Open311 client applications' administration. */
export const API_CLIENT_MESSAGES = {
  unknown_client: { vi: "Không có ứng dụng này", en: "There is no such client application" },
  already_revoked: {
    vi: "Khóa của ứng dụng này đã bị thu hồi; hãy cấp khóa mới cho một ứng dụng mới",
    en: "This application's key has already been revoked; issue a new key to a new application",
  },
} as const;

export type ApiClientMessageKey = keyof typeof API_CLIENT_MESSAGES;
