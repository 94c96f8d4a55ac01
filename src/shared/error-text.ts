/**
 * What a person reads for an error, worded from its code in their language. The message that
 * came with it is the sender's English (a server, a peer), fit for logs, never shown.
 */
import type { ErrorCode, WireError } from './app-error.js';
import { t, type MessageKey } from './i18n.js';

const ERROR_TEXT: Record<ErrorCode, MessageKey> = {
  INVALID_MESSAGE: 'error_invalid_message',
  NOT_IN_ROOM: 'error_not_in_room',
  ALREADY_IN_ROOM: 'error_already_in_room',
  UNKNOWN_PEER: 'error_unknown_peer',
  ROOM_FULL: 'error_room_full',
  SERVER_UNREACHABLE: 'error_server_unreachable',
  TIMEOUT: 'error_timeout',
  DESTROYED: 'error_destroyed',
  MESSAGE_TOO_LARGE: 'error_message_too_large',
  RATE_LIMITED: 'error_rate_limited',
  NOT_CONNECTED: 'error_not_connected',
  STORAGE_FULL: 'error_storage_full',
  TOO_MANY_CONNECTIONS: 'error_too_many_connections',
  SERVER_FULL: 'error_server_full',
  PASSWORD_REQUIRED: 'error_password_required',
  WRONG_PASSWORD: 'error_wrong_password',
  ROOM_LOCKED: 'error_room_locked',
  UNKNOWN_SERVER: 'error_unknown_server',
  UNAVAILABLE: 'error_unavailable',
  NEEDS_DOWNLOAD: 'error_needs_download',
  HOST_ERROR: 'error_host_error',
};

export function errorText(error: Pick<WireError, 'code'>): string {
  return t(ERROR_TEXT[error.code]);
}
