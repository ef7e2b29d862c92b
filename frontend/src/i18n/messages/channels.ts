// Channels as plug-ins: the providers a workspace can connect.

export const vi = {
  "err.unknown_provider": "Không có loại kênh này.",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "err.unknown_provider": "No such kind of channel.",
};
