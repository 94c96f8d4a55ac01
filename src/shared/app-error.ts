export const ERROR_CODES = [
  'INVALID_MESSAGE',
  'NOT_IN_ROOM',
  'ALREADY_IN_ROOM',
  'UNKNOWN_PEER',
  'ROOM_FULL',
  'SERVER_UNREACHABLE',
  'TIMEOUT',
  'DESTROYED',
  'MESSAGE_TOO_LARGE',
  'RATE_LIMITED',
  'NOT_CONNECTED',
  'STORAGE_FULL',
  'TOO_MANY_CONNECTIONS',
  'SERVER_FULL',
  'PASSWORD_REQUIRED',
  'WRONG_PASSWORD',
  'ROOM_LOCKED',
  'UNKNOWN_SERVER',
  /** The browser cannot do that here (no on-device translator, no model for a language). */
  'UNAVAILABLE',
  /** The browser must download a model first, and only does so after a click. */
  'NEEDS_DOWNLOAD',
  /** A failure inside this page's host, not in what a widget or peer sent. */
  'HOST_ERROR',
] as const;

/** Every failure a person or a peer may see has one of these codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The shape an error takes when it crosses a wire. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }

  static fromWire(wire: WireError): AppError {
    return new AppError(wire.code, wire.message);
  }
}

export const errors = {
  invalidMessage: (reason: string) => new AppError('INVALID_MESSAGE', reason),
  notInRoom: () => new AppError('NOT_IN_ROOM', 'Join a room before sending to it.'),
  alreadyInRoom: (room: string) =>
    new AppError('ALREADY_IN_ROOM', `This connection is already in room "${room}".`),
  unknownPeer: (peerId: string) =>
    new AppError('UNKNOWN_PEER', `No peer "${peerId}" in your room.`),
  roomFull: (capacity: number) =>
    new AppError('ROOM_FULL', `This room is full (${capacity} people).`),
  serverUnreachable: (url: string) =>
    new AppError('SERVER_UNREACHABLE', `Can't reach the signalling server at ${url}.`),
  timeout: (what: string) => new AppError('TIMEOUT', `${what} took too long.`),
  destroyed: (what: string) => new AppError('DESTROYED', `${what} has been closed.`),
  messageTooLarge: (bytes: number, limit: number) =>
    new AppError(
      'MESSAGE_TOO_LARGE',
      `A message of ${bytes} bytes exceeds the ${limit}-byte limit.`,
    ),
  rateLimited: (why: string) => new AppError('RATE_LIMITED', why),
  notConnected: (peerId?: string) =>
    new AppError(
      'NOT_CONNECTED',
      peerId ? `The data channel to peer "${peerId}" is not open.` : 'The widget is not connected.',
    ),
  tooManyConnections: (limit: number) =>
    new AppError(
      'TOO_MANY_CONNECTIONS',
      `Too many connections from your address (at most ${limit} at once, or too many new ones a minute).`,
    ),
  unknownServer: (origin: string) =>
    new AppError(
      'UNKNOWN_SERVER',
      `TFX Sessions is not set up to use the signalling server ${origin}. If you trust it, enter it in TFX Sessions' options first.`,
    ),
  passwordRequired: () =>
    new AppError('PASSWORD_REQUIRED', 'This room is protected by a password.'),
  wrongPassword: () => new AppError('WRONG_PASSWORD', 'That password is not right for this room.'),
  roomLocked: () =>
    new AppError(
      'ROOM_LOCKED',
      'This room is locked: the people in it are not letting anyone else in.',
    ),
  serverFull: (limit: number) =>
    new AppError('SERVER_FULL', `This server is at its limit of ${limit} rooms; try again later.`),
  storageFull: (limit: number) =>
    new AppError(
      'STORAGE_FULL',
      `This widget's storage for the room is limited to ${limit} bytes.`,
    ),
  spoolFull: (why: string) => new AppError('STORAGE_FULL', `No more room in spools: ${why}.`),
  unavailable: (why: string) => new AppError('UNAVAILABLE', why),
  needsDownload: (what: string) =>
    new AppError(
      'NEEDS_DOWNLOAD',
      `${what} needs a download first; ask again from a click to let the browser fetch it.`,
    ),
};

/** A request that expects an answer gets one of these back. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: WireError };
