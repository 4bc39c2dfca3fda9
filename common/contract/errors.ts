import { z } from 'zod';

/**
 * Every failure that crosses the API boundary carries one of these codes, an English message (the CLI
 * prints it, logs keep it) and details. The renderer shows the error in the user's language through
 * common/error-text.ts, which turns the code and details into words.
 */
export const ErrorCode = z.enum([
  'invalid-request',
  'unknown-call',
  'unauthorized',
  'not-found',
  'media-missing',
  'media-unreadable',
  'media-unsupported',
  'ffmpeg-missing',
  'project-invalid',
  'project-newer',
  'project-locked',
  'project-read-only',
  'disk-full',
  /** The file system refused a path: no permission, a link loop, a name too long, a read-only disk … (details.fsCode). */
  'file-access',
  /** A request body or upload larger than the app accepts. */
  'too-large',
  'cancelled',
  /** A frame request refused because the clip's decoders have more queued than they can serve soon; ask again. */
  'busy',
  /** The automatic-landmark (pose) model's files are missing or could not be loaded (details.model, details.path). */
  'pose-model-unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Machine-readable extras (e.g. versions, paths) that a UI may use to offer a fix. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** Thrown by core services and the client; serialisable as {@link ApiErrorShape}. */
export class MidstanceError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'MidstanceError';
    this.code = code;
    this.details = details;
  }

  toShape(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromShape(shape: ApiErrorShape): MidstanceError {
    return new MidstanceError(shape.code, shape.message, shape.details);
  }
}

export const isMidstanceError = (value: unknown): value is MidstanceError =>
  value instanceof MidstanceError;

/** What travels back over any transport: a value or a typed error, never a thrown stack. */
export const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorShape }),
]);
export type Envelope = z.infer<typeof Envelope>;
