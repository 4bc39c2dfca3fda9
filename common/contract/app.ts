import { z } from 'zod';
import { defineCall, defineEvent } from './define.ts';

export const Language = z.enum(['nl', 'en']);
export type Language = z.infer<typeof Language>;

export const AngleConvention = z.enum(['interior', 'clinical']);
export type AngleConvention = z.infer<typeof AngleConvention>;

/** Per-user preferences, kept outside any project file. */
export const Settings = z.object({
  language: Language,
  angleConvention: AngleConvention,
  bigStepFrames: z.number().int().min(2).max(1000),
  /** After a measurement the drawing tool stays armed for the next one (else it falls back to Select). */
  keepToolAfterDrawing: z.boolean(),
  ffmpegPath: z.string().nullable(),
  ffprobePath: z.string().nullable(),
  frameCacheMegabytes: z.number().int().min(64).max(16384),
  /** Printed at the top of every session report. */
  practiceName: z.string().max(200),
  /** A PNG or JPEG printed beside the practice name on reports; null = none. */
  practiceLogoPath: z.string().max(4096).nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'nl',
  angleConvention: 'interior',
  bigStepFrames: 10,
  keepToolAfterDrawing: false,
  ffmpegPath: null,
  ffprobePath: null,
  frameCacheMegabytes: 1024,
  practiceName: '',
  practiceLogoPath: null,
};

export const FileKind = z.enum(['project', 'video']);
export type FileKind = z.infer<typeof FileKind>;

export const RecentItem = z.object({
  kind: FileKind,
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
});
export type RecentItem = z.infer<typeof RecentItem>;

export const OpenRequest = z.object({ kind: FileKind, path: z.string() });
export type OpenRequest = z.infer<typeof OpenRequest>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'browser', 'cli', 'test']),
  platform: z.string(),
  nodeVersion: z.string(),
  /** Where native file dialogs exist (Electron); browser mode uses the in-app file browser. */
  nativeDialogs: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const DirectoryEntry = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['directory', 'project', 'video', 'other']),
  size: z.number().nullable(),
  /** Last modified, ISO 8601; null when unknown. */
  modifiedAt: z.string().nullable().default(null),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

/** Where the user was in one clip: its frame and, once the view was touched, zoom and pan. */
export const ClipPlace = z.object({
  frame: z.number().int().min(0),
  view: z
    .object({
      transform: z.object({ scale: z.number().positive().finite(), x: z.number().finite(), y: z.number().finite() }),
      fitted: z.boolean(),
    })
    .nullable(),
});
export type ClipPlace = z.infer<typeof ClipPlace>;

export const PlaceSelection = z.object({
  clientId: z.string().nullable(),
  sessionId: z.string().nullable(),
  clipId: z.string().nullable(),
});
export type PlaceSelection = z.infer<typeof PlaceSelection>;

/** Where the user was in a project: the client, session and clip chosen, and each clip's place. */
export const ProjectPlace = z.object({
  selection: PlaceSelection,
  clips: z.record(z.string(), ClipPlace),
});
export type ProjectPlace = z.infer<typeof ProjectPlace>;

export const appCalls = {
  'app.info': defineCall({
    summary: 'Name, version and shell of the running app.',
    input: z.object({}),
    output: AppInfo,
  }),
  'settings.get': defineCall({
    summary: 'The user preferences.',
    input: z.object({}),
    output: Settings,
  }),
  'settings.update': defineCall({
    summary: 'Change some preferences; returns all of them.',
    input: Settings.partial(),
    output: Settings,
  }),
  'recent.list': defineCall({
    summary: 'Recently opened projects and videos, newest first.',
    input: z.object({}),
    output: z.array(RecentItem),
  }),
  'recent.forget': defineCall({
    summary: 'Remove one entry from the recent list.',
    input: z.object({ path: z.string() }),
    output: z.array(RecentItem),
  }),
  'place.get': defineCall({
    summary: 'Where the user was in the open project (selection and each clip\'s frame, zoom and pan); empty when unknown.',
    input: z.object({}),
    output: ProjectPlace,
  }),
  'place.remember': defineCall({
    summary: 'Remember the selection and/or one clip\'s place in the open project (kept with the user\'s app data).',
    input: z.object({ selection: PlaceSelection.optional(), clip: z.object({ clipId: z.string().min(1), place: ClipPlace }).optional() }),
    output: z.object({}),
  }),
  'app.takeOpenRequests': defineCall({
    summary: 'Files handed to the app (command line, OS, second instance) not yet opened.',
    input: z.object({}),
    output: z.array(OpenRequest),
  }),
  'dialog.pickFile': defineCall({
    summary: 'Native open/save dialog; null when cancelled or when the shell has no native dialogs.',
    input: z.object({
      purpose: z.enum(['open-project', 'open-video', 'save-project', 'save-export']),
      /** save-export: the file name offered; its extension sets the dialog's filter. */
      defaultName: z.string().max(255).optional(),
    }),
    output: z.object({ path: z.string().nullable(), supported: z.boolean() }),
  }),
  'files.list': defineCall({
    summary: 'List a folder for the in-app file browser (browser mode has no native dialogs).',
    input: z.object({
      path: z.string().nullable(),
      /** With path null: start where files of this kind were last used (else the open project's folder, else home). */
      kind: FileKind.optional(),
    }),
    output: z.object({
      path: z.string(),
      parent: z.string().nullable(),
      entries: z.array(DirectoryEntry),
    }),
  }),
} as const;

export const appEvents = {
  'app.openRequested': defineEvent({
    summary: 'A file was handed to the running app (second instance, OS file association).',
    payload: OpenRequest,
  }),
} as const;
