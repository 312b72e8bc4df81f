/**
 * The one list of coded errors of the local Direct Line endpoint, and the one way they reach a
 * client. Codes are stable: clients and tests branch on `code`, never on message text.
 */
import type { Response } from 'restify';

/** Every error the local Direct Line can answer with: its HTTP status and default wording. */
export const directLineErrors = {
  WL_DL_AUTH_MISSING: { status: 401, message: 'Send "Authorization: Bearer <Direct Line secret or token>".' },
  WL_DL_SECRET_REQUIRED: { status: 403, message: 'This call needs the Direct Line secret, not a token.' },
  WL_DL_TOKEN_REQUIRED: { status: 403, message: 'This call needs a Direct Line token, not the secret.' },
  WL_DL_TOKEN_INVALID: { status: 403, message: 'The Direct Line token is not valid.' },
  WL_DL_TOKEN_EXPIRED: { status: 403, message: 'The Direct Line token has expired; ask for a new one.' },
  WL_DL_TOKEN_REPLACED: { status: 403, message: 'The Direct Line token was refreshed; use the token the refresh returned.' },
  WL_DL_WRONG_CONVERSATION: { status: 403, message: 'The Direct Line token was issued for another conversation.' },
  WL_DL_WRONG_USER: { status: 403, message: 'The activity is from a different user than the one the token was issued for.' },
  WL_DL_CONNECTOR_LOCAL_ONLY: { status: 403, message: 'The Direct Line connector accepts calls only from the bot on this machine.' },
  WL_DL_CONVERSATION_NOT_FOUND: { status: 404, message: 'There is no conversation with this id.' },
  WL_DL_ACTIVITY_NOT_FOUND: { status: 404, message: 'There is no activity with this id in the conversation.' },
  WL_DL_BAD_REQUEST: { status: 400, message: 'The request is not valid.' },
  WL_DL_BAD_ACTIVITY: { status: 400, message: 'The request body must be an activity object, like {"type":"message","text":"hi"}.' },
  WL_DL_MESSAGE_TOO_LONG: { status: 400, message: 'The message text is longer than this endpoint accepts.' },
  WL_DL_ACTIVITY_TOO_LARGE: { status: 413, message: 'The activity is larger than this endpoint accepts; nothing was stored.' },
  WL_DL_UPLOAD_UNSUPPORTED: {
    status: 415,
    message: 'This local Direct Line does not take file uploads; send attachments as links (contentUrl) in a normal activity.',
  },
  WL_DL_BOT_UNAVAILABLE: { status: 502, message: 'The bot did not accept the activity.' },
  WL_DL_CLOSED: { status: 503, message: 'The local Direct Line is shutting down.' },
  WL_DL_INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** One of the keys of {@link directLineErrors}. */
export type DirectLineErrorCode = keyof typeof directLineErrors;

/** An error the local Direct Line turns into an HTTP answer with a stable code. */
export class DirectLineError extends Error {
  /** HTTP status the client receives. */
  readonly status: number;

  /** @param message Overrides the default wording (never include message text from a person). */
  constructor(
    readonly code: DirectLineErrorCode,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? directLineErrors[code].message, options);
    this.name = 'DirectLineError';
    this.status = directLineErrors[code].status;
  }
}

/** The JSON body of an error answer: Warmline's `{ code, message }` plus Direct Line's `{ error: { code, message } }`. */
export interface DirectLineErrorBody {
  readonly code: DirectLineErrorCode;
  readonly message: string;
  readonly error: { readonly code: DirectLineErrorCode; readonly message: string };
}

/** The body {@link sendDirectLineError} sends, for callers that write raw sockets. */
export function directLineErrorBody(err: DirectLineError): DirectLineErrorBody {
  return { code: err.code, message: err.message, error: { code: err.code, message: err.message } };
}

/** Answers a request with a {@link DirectLineError}. */
export function sendDirectLineError(res: Response, err: DirectLineError): void {
  res.send(err.status, directLineErrorBody(err));
}
