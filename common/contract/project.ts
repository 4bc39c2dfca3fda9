import { z } from 'zod';
import { Annotation, AnnotationGeometry, AnnotationStyle, TrackBindings } from './annotation.ts';
import { AngleConvention, Language } from './app.ts';
import { defineCall, defineEvent } from './define.ts';

/**
 * The project file (.midstance, one SQLite database): clients, sessions, clips, annotations, gait events,
 * checklist answers, findings/advice and project settings. Every edit call commits before it answers, so a
 * resolved promise means the edit is on disk; edits answer `{ record, savedAt }` with the stored record, which
 * is what an undo stack needs (undo a delete by creating the returned record again, with its id).
 */

const Id = z.string().min(1).max(64);
const Text = (max: number) => z.string().max(max);
/** Calendar date of a session, as the assessor means it (no time zone): YYYY-MM-DD. */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const ClipView = z.enum(['side-left', 'side-right', 'front', 'rear']);
export type ClipView = z.infer<typeof ClipView>;

export const GaitEventKind = z.enum(['initial-contact', 'midstance', 'toe-off']);
export type GaitEventKind = z.infer<typeof GaitEventKind>;

export const BodySide = z.enum(['left', 'right']);
export type BodySide = z.infer<typeof BodySide>;

/** Project-specific norm overrides, keyed by norm key (the norm table itself lives with the checklist). */
export const NormOverride = z.object({
  target: z.number().finite(),
  tolerance: z.number().finite().nonnegative(),
});
export type NormOverride = z.infer<typeof NormOverride>;

export const ProjectSettings = z.object({
  norms: z.record(Text(100), NormOverride),
  angleConvention: AngleConvention,
  language: Language,
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;

/**
 * The file was not closed properly last time (a leftover -wal): what was recovered from the change log and
 * where a copy of the file as found is kept. lostChanges is null when the log could not be read at all.
 */
export const ProjectRecovery = z.object({
  folder: z.string().nullable(),
  recoveredChanges: z.number().int(),
  lostChanges: z.number().int().nullable(),
});
export type ProjectRecovery = z.infer<typeof ProjectRecovery>;

export const ProjectState = z.object({
  path: z.string(),
  /** File name without the extension; "Untitled …" for untitled projects. */
  name: z.string(),
  /** Lives in the app's untitled folder until saved with saveAs or discarded. */
  untitled: z.boolean(),
  readOnly: z.boolean(),
  /** Something the user should read after opening (read-only file, migrated from an older version). */
  notice: z.string().nullable(),
  /** Path of the backup written before migrating an older file, if that happened on this open. */
  backupPath: z.string().nullable(),
  /** Set on the open that found the file not closed properly (see ProjectRecovery). */
  recovery: ProjectRecovery.nullish(),
  schemaVersion: z.number().int(),
  settings: ProjectSettings,
});
export type ProjectState = z.infer<typeof ProjectState>;

export const UntitledProject = z.object({
  path: z.string(),
  name: z.string(),
  modifiedAt: z.string(),
  /** Null when the file could not be read (it is still listed, so it is never silently forgotten). */
  clipCount: z.number().int().nullable(),
  isOpen: z.boolean(),
});
export type UntitledProject = z.infer<typeof UntitledProject>;

export const Client = z.object({
  id: Id,
  name: Text(200).min(1),
  birthYear: z.number().int().min(1900).max(2100).nullable(),
  notes: Text(20_000),
  /** The practice's own client number, if it uses one. */
  externalId: Text(100).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Client = z.infer<typeof Client>;

const ClientFields = Client.omit({ id: true, createdAt: true, updatedAt: true });
export const ClientDraft = ClientFields.partial().extend({ name: Client.shape.name, id: Id.optional() });
export type ClientDraft = z.input<typeof ClientDraft>;

export const SessionHistory = z.object({
  trainingVolume: Text(2000),
  complaints: Text(5000),
  goals: Text(5000),
});
export const SessionProtocol = z.object({
  treadmillSpeedKmh: z.number().min(0).max(50).nullable(),
  inclinePercent: z.number().min(-30).max(40).nullable(),
  shoes: Text(200),
  shoeMileageKm: z.number().min(0).max(100_000).nullable(),
});
/** Kept so a re-test can repeat the same set-up. */
export const CameraSetup = z.object({
  views: z.array(ClipView).max(4),
  distanceM: z.number().min(0).max(100).nullable(),
  heightM: z.number().min(0).max(10).nullable(),
});

export const Session = z.object({
  id: Id,
  clientId: Id,
  date: IsoDate,
  assessor: Text(200),
  history: SessionHistory,
  protocol: SessionProtocol,
  camera: CameraSetup,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Session = z.infer<typeof Session>;

export const SessionDraft = z.object({
  id: Id.optional(),
  clientId: Id,
  date: IsoDate,
  assessor: Text(200).optional(),
  history: SessionHistory.partial().optional(),
  protocol: SessionProtocol.partial().optional(),
  camera: CameraSetup.partial().optional(),
});
export type SessionDraft = z.input<typeof SessionDraft>;
export const SessionPatch = SessionDraft.omit({ id: true }).partial();

/** Where a clip's video was found this time; 'missing' means: ask the user to relink. */
export const ClipMedia = z.object({
  state: z.enum(['found', 'missing']),
  path: z.string().nullable(),
  via: z.enum(['relative', 'absolute', 'search']).nullable(),
  /** True when the content fingerprint was checked (clips.locate); clips.list only compares name and size. */
  verified: z.boolean(),
});
export type ClipMedia = z.infer<typeof ClipMedia>;

export const Clip = z.object({
  id: Id,
  /** Null while the clip is not filed under a session (e.g. in an untitled project). */
  sessionId: Id.nullable(),
  name: Text(300),
  /** Relative to the project file's folder, '/'-separated; tried first so a moved folder keeps working. */
  relativePath: z.string(),
  absolutePath: z.string(),
  size: z.number().int().nonnegative(),
  /** Hash of the first and last MiB plus the size; a relinked file must match it. */
  fingerprint: z.string(),
  /** Frame rate the phone filmed at (slow motion), when it differs from the file's playback rate. */
  captureFps: z.number().positive().max(10_000).nullable(),
  view: ClipView.nullable(),
  annotationCount: z.number().int().nonnegative(),
  media: ClipMedia,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Clip = z.infer<typeof Clip>;

export const ClipPatch = z
  .object({
    sessionId: Id.nullable(),
    name: Text(300),
    captureFps: Clip.shape.captureFps,
    view: ClipView.nullable(),
  })
  .partial();

const FileIdentity = z.object({ size: z.number().int(), fingerprint: z.string() });

export const AnnotationDraft = Annotation.omit({ id: true, createdAt: true, updatedAt: true }).extend({
  /** Give the id of a deleted annotation to restore it (undo). */
  id: Id.optional(),
});
export type AnnotationDraft = z.input<typeof AnnotationDraft>;

export const AnnotationPatch = z
  .object({
    frameIndex: Annotation.shape.frameIndex,
    frameTime: Annotation.shape.frameTime,
    geometry: AnnotationGeometry,
    label: Annotation.shape.label,
    style: AnnotationStyle,
    trackBindings: TrackBindings.nullable(),
  })
  .partial();
export type AnnotationPatch = z.input<typeof AnnotationPatch>;

export const GaitEvent = z.object({
  id: Id,
  clipId: Id,
  frameIndex: z.number().int().min(0),
  /** Presentation time of the frame on the file's timeline, seconds. */
  frameTime: z.number().finite(),
  kind: GaitEventKind,
  side: BodySide,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GaitEvent = z.infer<typeof GaitEvent>;

export const GaitEventDraft = GaitEvent.omit({ id: true, createdAt: true, updatedAt: true }).extend({
  id: Id.optional(),
});
export const GaitEventPatch = GaitEventDraft.omit({ id: true, clipId: true }).partial();

/** What the physio decided about a checklist item; an empty answer leaves the proposal from the values. */
export const ChecklistStatus = z.enum(['good', 'needs-attention', 'not-assessed']);
export type ChecklistStatus = z.infer<typeof ChecklistStatus>;

/** A frame linked to a checklist item as its evidence. */
export const ChecklistStill = z.object({ clipId: Id, frameIndex: z.number().int().min(0) });
export type ChecklistStill = z.infer<typeof ChecklistStill>;

export const ChecklistAnswer = z.object({
  sessionId: Id,
  /** Key of the checklist item (defined with the checklist, e.g. "side-landing.overstride"). */
  itemKey: Text(100).min(1),
  /** A ChecklistStatus set by the physio, or '' while the status proposed from the values stands. */
  answer: Text(200),
  note: Text(5000),
  stills: z.array(ChecklistStill).max(50),
  /** Version of the checklist the answer was given under (its item keys are that version's). */
  checklistVersion: z.number().int().min(1),
  updatedAt: z.string(),
});
export type ChecklistAnswer = z.infer<typeof ChecklistAnswer>;

/** The free-text conclusion of a session. */
export const SessionNotes = z.object({
  sessionId: Id,
  findings: Text(50_000),
  advice: Text(50_000),
  updatedAt: z.string(),
});
export type SessionNotes = z.infer<typeof SessionNotes>;

/** Every edit answers with the stored record and the moment it was committed to disk. */
const saved = <T extends z.ZodType>(record: T) => z.object({ record, savedAt: z.string() });

const byId = z.object({ id: Id });
const empty = z.object({});

export const projectCalls = {
  'project.create': defineCall({
    summary: 'Start a new project file at path (refuses an existing file unless overwrite), or an untitled one.',
    input: z.object({ path: z.string().min(1).optional(), overwrite: z.boolean().optional() }),
    output: ProjectState,
  }),
  'project.open': defineCall({
    summary: 'Open a project file (closing the current one; everything is already saved).',
    input: z.object({ path: z.string().min(1) }),
    output: ProjectState,
  }),
  'project.close': defineCall({
    summary: 'Close the current project. An untitled project stays listed until saved or discarded.',
    input: empty,
    output: z.object({ closed: z.boolean() }),
  }),
  'project.saveAs': defineCall({
    summary: 'Write a consistent copy of the open project to path and continue in the copy.',
    input: z.object({ path: z.string().min(1), overwrite: z.boolean().optional() }),
    output: ProjectState,
  }),
  'project.current': defineCall({
    summary: 'The open project, or null.',
    input: empty,
    output: ProjectState.nullable(),
  }),
  'project.listUntitled': defineCall({
    summary: 'Untitled projects kept in the app folder (to offer on start and before quitting).',
    input: empty,
    output: z.array(UntitledProject),
  }),
  'project.discardUntitled': defineCall({
    summary: 'Delete an untitled project for good (closing it first if it is open).',
    input: z.object({ path: z.string().min(1) }),
    output: z.object({ discarded: z.boolean() }),
  }),
  'project.updateSettings': defineCall({
    summary: 'Change project settings (norm overrides, angle convention, language).',
    input: ProjectSettings.partial(),
    output: saved(ProjectSettings),
  }),

  'clients.list': defineCall({ summary: 'All clients, by name.', input: empty, output: z.array(Client) }),
  'clients.create': defineCall({ summary: 'Add a client.', input: ClientDraft, output: saved(Client) }),
  'clients.update': defineCall({
    summary: 'Change a client.',
    input: z.object({ id: Id, patch: ClientFields.partial() }),
    output: saved(Client),
  }),
  'clients.delete': defineCall({
    summary: 'Delete a client that has no sessions.',
    input: byId,
    output: saved(Client),
  }),

  'sessions.list': defineCall({
    summary: 'Sessions, newest first; of one client when clientId is given.',
    input: z.object({ clientId: Id.optional() }),
    output: z.array(Session),
  }),
  'sessions.create': defineCall({ summary: 'Add a session.', input: SessionDraft, output: saved(Session) }),
  'sessions.update': defineCall({
    summary: 'Change a session (nested groups are merged field by field).',
    input: z.object({ id: Id, patch: SessionPatch }),
    output: saved(Session),
  }),
  'sessions.delete': defineCall({
    summary: 'Delete a session, its checklist and notes; its clips and measurements stay (unfiled).',
    input: byId,
    output: saved(Session),
  }),

  'clips.list': defineCall({
    summary: 'Clips with a quick media check; of one session when sessionId is given (null = unfiled).',
    input: z.object({ sessionId: Id.nullable().optional() }),
    output: z.array(Clip),
  }),
  'clips.add': defineCall({
    summary: 'Add a video file to the project (size and fingerprint are taken now).',
    input: z.object({
      path: z.string().min(1),
      sessionId: Id.nullable().optional(),
      name: Text(300).optional(),
      view: ClipView.nullable().optional(),
      captureFps: Clip.shape.captureFps.optional(),
    }),
    output: saved(Clip),
  }),
  'clips.update': defineCall({
    summary: 'Change a clip (session, name, view, capture rate).',
    input: z.object({ id: Id, patch: ClipPatch }),
    output: saved(Clip),
  }),
  'clips.locate': defineCall({
    summary: 'Find the clip\'s video: relative path, absolute path, then the project folder tree; checks the fingerprint.',
    input: byId,
    output: Clip,
  }),
  'clips.relink': defineCall({
    summary: 'Point a clip at another file. A file with a different fingerprint needs force: true.',
    input: z.object({ id: Id, path: z.string().min(1), force: z.boolean().optional() }),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('relinked'), record: Clip, savedAt: z.string() }),
      z.object({ status: z.literal('mismatch'), expected: FileIdentity, actual: FileIdentity }),
    ]),
  }),
  'clips.remove': defineCall({
    summary: 'Remove a clip with its annotations and gait events (the video file itself is not touched).',
    input: byId,
    output: saved(Clip),
  }),

  'annotations.list': defineCall({
    summary: 'Annotations of a clip (of one frame when frameIndex is given), by frame.',
    input: z.object({ clipId: Id, frameIndex: z.number().int().min(0).optional() }),
    output: z.array(Annotation),
  }),
  'annotations.create': defineCall({ summary: 'Store an annotation.', input: AnnotationDraft, output: saved(Annotation) }),
  'annotations.update': defineCall({
    summary: 'Change an annotation.',
    input: z.object({ id: Id, patch: AnnotationPatch }),
    output: saved(Annotation),
  }),
  'annotations.delete': defineCall({ summary: 'Delete an annotation.', input: byId, output: saved(Annotation) }),

  'gaitEvents.list': defineCall({
    summary: 'Gait events of a clip, by frame.',
    input: z.object({ clipId: Id }),
    output: z.array(GaitEvent),
  }),
  'gaitEvents.create': defineCall({ summary: 'Mark a gait event.', input: GaitEventDraft, output: saved(GaitEvent) }),
  'gaitEvents.update': defineCall({
    summary: 'Move or change a gait event.',
    input: z.object({ id: Id, patch: GaitEventPatch }),
    output: saved(GaitEvent),
  }),
  'gaitEvents.delete': defineCall({ summary: 'Remove a gait event.', input: byId, output: saved(GaitEvent) }),

  'checklist.list': defineCall({
    summary: 'Checklist answers of a session.',
    input: z.object({ sessionId: Id }),
    output: z.array(ChecklistAnswer),
  }),
  'checklist.set': defineCall({
    summary:
      'Answer a checklist item under the current checklist version: the fields given replace the stored ones, the others keep their value (a new answer starts empty).',
    input: ChecklistAnswer.pick({ sessionId: true, itemKey: true })
      .extend({ answer: ChecklistAnswer.shape.answer, note: ChecklistAnswer.shape.note, stills: ChecklistAnswer.shape.stills })
      .partial({ answer: true, note: true, stills: true }),
    output: saved(ChecklistAnswer),
  }),
  'checklist.clear': defineCall({
    summary: 'Remove the answer to a checklist item; returns the removed answer (null if there was none).',
    input: z.object({ sessionId: Id, itemKey: Text(100).min(1) }),
    output: saved(ChecklistAnswer.nullable()),
  }),

  'notes.get': defineCall({
    summary: 'Findings and advice of a session.',
    input: z.object({ sessionId: Id }),
    output: SessionNotes,
  }),
  'notes.update': defineCall({
    summary: 'Change findings and/or advice of a session.',
    input: z.object({ sessionId: Id, findings: SessionNotes.shape.findings.optional(), advice: SessionNotes.shape.advice.optional() }),
    output: saved(SessionNotes),
  }),
} as const;

export const projectEvents = {
  'project.changed': defineEvent({
    summary: 'A project was opened, created, saved under a new name or closed (null).',
    payload: z.object({ project: ProjectState.nullable() }),
  }),
  'project.saved': defineEvent({
    summary: 'An edit was committed to the project file.',
    payload: z.object({ path: z.string(), savedAt: z.string() }),
  }),
} as const;
