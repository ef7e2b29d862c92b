// Channels as plug-ins: connecting by OAuth (Shopee...), provider names, what came back.

export const vi = {
  "channels.oauthTitle": "Kết nối sàn thương mại điện tử",
  "channels.oauthHelp": "Bấm để mở trang ủy quyền của sàn; sau khi đồng ý bạn sẽ được đưa về đây.",
  "channels.connectWith": "Kết nối {provider}",
  "channels.connectedBack": "Đã kết nối {provider}: đang đồng bộ tin nhắn.",
  "channels.errorBack": "Chưa kết nối được {provider} ({error}). Hãy thử lại.",
  "channels.tokenExpires": "mã truy cập hết hạn lúc",
  "err.oauth_not_supported": "Kênh này không kết nối bằng trang ủy quyền.",
  "err.unknown_provider": "Không có loại kênh này.",
  "err.shopee_error": "Shopee từ chối yêu cầu.",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "channels.oauthTitle": "Connect a marketplace",
  "channels.oauthHelp": "Opens the marketplace's consent page; once you agree you come back here.",
  "channels.connectWith": "Connect {provider}",
  "channels.connectedBack": "{provider} connected: syncing its chats.",
  "channels.errorBack": "{provider} could not be connected ({error}). Please try again.",
  "channels.tokenExpires": "access token expires at",
  "err.oauth_not_supported": "This channel is not connected through a consent page.",
  "err.unknown_provider": "No such kind of channel.",
  "err.shopee_error": "Shopee refused the request.",
};
