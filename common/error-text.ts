import type { ApiErrorShape, ErrorCode } from './contract/errors.ts';

/**
 * Errors of the core in words, in Dutch and English: the one place where an error code and its details
 * become a sentence for the user (the renderer shows it in the user's language; the CLI may use 'en').
 * The core's own `message` is English and written for logs and the CLI; where no text here fits a code's
 * details, the translated text for the code is shown and the core's message comes along as `detail`.
 */

/** Why a file system call failed (details.fsCode of 'file-access'). */
export const FS_CODES = [
  'EACCES',
  'EPERM',
  'EROFS',
  'ELOOP',
  'ENAMETOOLONG',
  'EISDIR',
  'ENOTDIR',
  'EEXIST',
  'EIO',
  'EMFILE',
  'ENFILE',
  'EBUSY',
  'ETXTBSY',
  'EXDEV',
  'ENXIO',
  'ENODEV',
] as const;
export type FsCode = (typeof FS_CODES)[number];

/** Reasons the media engine gives in details.reason of 'media-unreadable' / 'media-unsupported'. */
export const MEDIA_REASONS = ['not-video', 'incomplete', 'empty', 'folder', 'no-frames', 'access', 'changed', 'audio-only', 'codec'] as const;
export type MediaReason = (typeof MEDIA_REASONS)[number];

/** What a path is when it is not a regular file (details.fileKind with details.reason 'not-regular-file'). */
export const FILE_KINDS = ['folder', 'pipe', 'device', 'socket', 'other'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

interface Texts {
  codes: Record<ErrorCode, string>;
  notRegular: Record<FileKind, string>;
  /** The same, when the error names a file ({{name}}). */
  codesWithName: Partial<Record<ErrorCode, string>>;
  media: Record<MediaReason, string>;
  fs: Record<FsCode, string>;
  fileAccess: string;
  newer: string;
  offline: string;
  unknown: string;
}

const TEXTS: Record<'en' | 'nl', Texts> = {
  en: {
    codes: {
      'invalid-request': 'Midstance could not do this: the request was not valid.',
      'unknown-call': 'This version of Midstance does not know that request. Restart Midstance.',
      unauthorized: 'Access refused. Open Midstance again (in browser mode: from the address it printed when it started).',
      'not-found': 'Midstance could not find what was asked for; it may have been deleted, moved or closed.',
      'media-missing': 'The video was not found. It may have been moved, renamed or deleted; locate it again.',
      'media-unreadable': 'This file is not a video Midstance can read, or it is damaged. Nothing was added.',
      'media-unsupported': 'Midstance cannot show this video: its format is not supported. Convert it to H.264 MP4.',
      'ffmpeg-missing':
        'Midstance needs ffmpeg and ffprobe (version 4.1 or newer) to read videos, but could not find a working copy. Install ffmpeg (Windows: from ffmpeg.org; macOS: "brew install ffmpeg"; Linux: "sudo apt install ffmpeg") or set its location in the settings.',
      'project-invalid': 'This file is damaged or is not a Midstance project. The file was not changed.',
      'project-newer': 'This project was saved by a newer Midstance. Update Midstance to open it. The file was not changed.',
      'project-locked': 'This project is already open in another Midstance window or program. Close it there first, then open it here.',
      'project-read-only': 'This project can only be read, so the change was not saved. Use "Save as" to keep a copy you can change.',
      'disk-full': 'The disk is full, so this change was not saved. Everything saved before is safe. Free some disk space and try again.',
      cancelled: 'Stopped before it finished.',
      busy: 'Midstance is still busy with the frames asked for before. Wait a moment and try again.',
      'pose-model-unavailable':
        'The model for automatic landmarks could not be loaded, so landmarks cannot be detected. Reinstall Midstance to restore it; everything else keeps working.',
      internal: 'Something went wrong inside Midstance. Details are in the log.',
      'file-access': 'Midstance cannot use this file or folder.',
      'too-large': 'This file is too large for Midstance to use.',
    },
    codesWithName: {
      'not-found': 'Midstance cannot find "{{name}}". It may have been moved, renamed or deleted.',
      'media-missing': 'The video "{{name}}" was not found. It may have been moved, renamed or deleted; locate it again.',
      'media-unreadable': '"{{name}}" is not a video Midstance can read, or it is damaged. Nothing was added.',
      'media-unsupported': 'Midstance cannot show "{{name}}": its video format is not supported. Convert it to H.264 MP4.',
      'project-invalid': '"{{name}}" is damaged or is not a Midstance project. The file was not changed.',
      'project-locked': '"{{name}}" is already open in another Midstance window or program. Close it there first, then open it here.',
      'file-access': 'Midstance cannot use "{{name}}".',
      'too-large': '"{{name}}" is too large for Midstance to use.',
    },
    media: {
      'not-video': '"{{name}}" is not a video Midstance can read, or it is damaged. Nothing was added.',
      incomplete: '"{{name}}" is incomplete: the recording or the copy was interrupted before the end. Copy it again from the camera or phone.',
      empty: 'The file "{{name}}" is empty (0 bytes). Copy the video again from the camera or phone.',
      folder: '"{{name}}" is a folder, not a video file.',
      'no-frames': '"{{name}}" contains no video frames that can be shown. The file may be damaged or incomplete.',
      access: 'The video "{{name}}" cannot be read: Midstance has no permission, or another program is using it.',
      changed: 'The video "{{name}}" was changed on disk while it was open. Close it and open it again.',
      'audio-only': '"{{name}}" has no video picture (it may be an audio-only recording).',
      codec: '"{{name}}" uses a video format this ffmpeg cannot decode. Convert it to H.264 MP4 or install a fuller ffmpeg build.',
    },
    fs: {
      EACCES: 'Midstance has no permission for it',
      EPERM: 'Midstance has no permission for it',
      EROFS: 'the disk it is on can only be read',
      ELOOP: 'its path has too many shortcuts (symbolic links) leading to each other',
      ENAMETOOLONG: 'its name or path is too long',
      EISDIR: 'it is a folder, not a file',
      ENOTDIR: 'part of its path is not a folder',
      EEXIST: 'it already exists',
      EIO: 'the disk reported a read or write error',
      EMFILE: 'too many files are open; close other programs and try again',
      ENFILE: 'too many files are open; close other programs and try again',
      EBUSY: 'another program is using it',
      ETXTBSY: 'another program is using it',
      EXDEV: 'it cannot be moved to another disk this way',
      ENXIO: 'the drive it is on is not available (was it unplugged?)',
      ENODEV: 'the drive it is on is not available (was it unplugged?)',
    },
    fileAccess: 'Midstance cannot use "{{name}}": {{reason}}.',
    notRegular: {
      folder: '"{{name}}" is a folder, not a file. Choose a file inside it.',
      pipe: '"{{name}}" is not a regular file but a pipe. Choose a file saved on a disk.',
      device: '"{{name}}" is not a regular file but a device. Choose a file saved on a disk.',
      socket: '"{{name}}" is not a regular file but a socket. Choose a file saved on a disk.',
      other: '"{{name}}" is not a regular file. Choose a file saved on a disk.',
    },
    newer:
      '"{{name}}" was saved by a newer Midstance (project format {{fileVersion}}; this Midstance reads up to {{supportedVersion}}). Update Midstance to open it. The file was not changed.',
    offline: 'Midstance is not answering. Is it still running? Start it again and reload this page.',
    unknown: 'Something went wrong.',
  },
  nl: {
    codes: {
      'invalid-request': 'Midstance kon dit niet uitvoeren: het verzoek was ongeldig.',
      'unknown-call': 'Deze versie van Midstance kent dit verzoek niet. Start Midstance opnieuw.',
      unauthorized: 'Toegang geweigerd. Open Midstance opnieuw (in de browsermodus: via het adres dat bij het starten werd getoond).',
      'not-found': 'Midstance kon niet vinden wat gevraagd werd; het is misschien verwijderd, verplaatst of gesloten.',
      'media-missing': 'De video is niet gevonden. Hij is misschien verplaatst, hernoemd of verwijderd; zoek hem opnieuw.',
      'media-unreadable': 'Dit bestand is geen video die Midstance kan lezen, of het is beschadigd. Er is niets toegevoegd.',
      'media-unsupported': 'Midstance kan deze video niet tonen: het formaat wordt niet ondersteund. Zet hem om naar H.264-MP4.',
      'ffmpeg-missing':
        'Midstance heeft ffmpeg en ffprobe (versie 4.1 of nieuwer) nodig om video’s te lezen, maar vond geen werkende versie. Installeer ffmpeg (Windows: via ffmpeg.org; macOS: "brew install ffmpeg"; Linux: "sudo apt install ffmpeg") of stel de locatie in bij de instellingen.',
      'project-invalid': 'Dit bestand is beschadigd of is geen Midstance-project. Het bestand is niet gewijzigd.',
      'project-newer': 'Dit project is opgeslagen met een nieuwere Midstance. Werk Midstance bij om het te openen. Het bestand is niet gewijzigd.',
      'project-locked': 'Dit project is al geopend in een ander Midstance-venster of programma. Sluit het daar eerst en open het dan hier.',
      'project-read-only': 'Dit project kan alleen gelezen worden, dus de wijziging is niet opgeslagen. Kies "Opslaan als" voor een kopie die je wel kunt wijzigen.',
      'disk-full': 'De schijf is vol, dus deze wijziging is niet opgeslagen. Alles wat eerder is opgeslagen is veilig. Maak ruimte vrij en probeer het opnieuw.',
      cancelled: 'Gestopt voordat het klaar was.',
      busy: 'Midstance is nog bezig met de beelden die eerder zijn opgevraagd. Wacht even en probeer het opnieuw.',
      'pose-model-unavailable':
        'Het model voor automatische lichaamspunten kon niet worden geladen, dus er kunnen geen punten worden herkend. Installeer Midstance opnieuw om het te herstellen; de rest van Midstance werkt gewoon.',
      internal: 'Er ging iets mis in Midstance. De details staan in het logboek.',
      'file-access': 'Midstance kan dit bestand of deze map niet gebruiken.',
      'too-large': 'Dit bestand is te groot voor Midstance.',
    },
    codesWithName: {
      'not-found': 'Midstance kan "{{name}}" niet vinden. Het is misschien verplaatst, hernoemd of verwijderd.',
      'media-missing': 'De video "{{name}}" is niet gevonden. Hij is misschien verplaatst, hernoemd of verwijderd; zoek hem opnieuw.',
      'media-unreadable': '"{{name}}" is geen video die Midstance kan lezen, of het bestand is beschadigd. Er is niets toegevoegd.',
      'media-unsupported': 'Midstance kan "{{name}}" niet tonen: het videoformaat wordt niet ondersteund. Zet hem om naar H.264-MP4.',
      'project-invalid': '"{{name}}" is beschadigd of is geen Midstance-project. Het bestand is niet gewijzigd.',
      'project-locked': '"{{name}}" is al geopend in een ander Midstance-venster of programma. Sluit het daar eerst en open het dan hier.',
      'file-access': 'Midstance kan "{{name}}" niet gebruiken.',
      'too-large': '"{{name}}" is te groot voor Midstance.',
    },
    media: {
      'not-video': '"{{name}}" is geen video die Midstance kan lezen, of het bestand is beschadigd. Er is niets toegevoegd.',
      incomplete: '"{{name}}" is onvolledig: de opname of het kopiëren is voor het einde onderbroken. Kopieer hem opnieuw van de camera of telefoon.',
      empty: 'Het bestand "{{name}}" is leeg (0 bytes). Kopieer de video opnieuw van de camera of telefoon.',
      folder: '"{{name}}" is een map, geen videobestand.',
      'no-frames': '"{{name}}" bevat geen beelden die getoond kunnen worden. Het bestand is misschien beschadigd of onvolledig.',
      access: 'De video "{{name}}" kan niet gelezen worden: Midstance heeft geen toestemming, of een ander programma gebruikt hem.',
      changed: 'De video "{{name}}" is op de schijf gewijzigd terwijl hij open was. Sluit hem en open hem opnieuw.',
      'audio-only': '"{{name}}" bevat geen beeld (misschien is het alleen een geluidsopname).',
      codec: '"{{name}}" gebruikt een videoformaat dat deze ffmpeg niet kan decoderen. Zet hem om naar H.264-MP4 of installeer een uitgebreidere ffmpeg.',
    },
    fs: {
      EACCES: 'Midstance heeft er geen toestemming voor',
      EPERM: 'Midstance heeft er geen toestemming voor',
      EROFS: 'de schijf waarop het staat kan alleen gelezen worden',
      ELOOP: 'het pad bevat te veel snelkoppelingen (symbolische koppelingen) die naar elkaar verwijzen',
      ENAMETOOLONG: 'de naam of het pad is te lang',
      EISDIR: 'het is een map, geen bestand',
      ENOTDIR: 'een deel van het pad is geen map',
      EEXIST: 'het bestaat al',
      EIO: 'de schijf meldde een lees- of schrijffout',
      EMFILE: 'er zijn te veel bestanden open; sluit andere programma’s en probeer het opnieuw',
      ENFILE: 'er zijn te veel bestanden open; sluit andere programma’s en probeer het opnieuw',
      EBUSY: 'een ander programma gebruikt het',
      ETXTBSY: 'een ander programma gebruikt het',
      EXDEV: 'het kan zo niet naar een andere schijf verplaatst worden',
      ENXIO: 'de schijf waarop het staat is niet beschikbaar (is hij losgekoppeld?)',
      ENODEV: 'de schijf waarop het staat is niet beschikbaar (is hij losgekoppeld?)',
    },
    fileAccess: 'Midstance kan "{{name}}" niet gebruiken: {{reason}}.',
    notRegular: {
      folder: '"{{name}}" is een map, geen bestand. Kies een bestand in die map.',
      pipe: '"{{name}}" is geen gewoon bestand maar een pipe. Kies een bestand dat op een schijf staat.',
      device: '"{{name}}" is geen gewoon bestand maar een apparaat. Kies een bestand dat op een schijf staat.',
      socket: '"{{name}}" is geen gewoon bestand maar een socket. Kies een bestand dat op een schijf staat.',
      other: '"{{name}}" is geen gewoon bestand. Kies een bestand dat op een schijf staat.',
    },
    newer:
      '"{{name}}" is opgeslagen met een nieuwere Midstance (projectformaat {{fileVersion}}; deze Midstance leest tot en met {{supportedVersion}}). Werk Midstance bij om het te openen. Het bestand is niet gewijzigd.',
    offline: 'Midstance antwoordt niet. Draait het nog? Start het opnieuw en laad deze pagina opnieuw.',
    unknown: 'Er ging iets mis.',
  },
};

/** Codes whose translated text says all the core's message says; other codes keep it as detail. */
const COMPLETE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['project-read-only', 'disk-full', 'cancelled', 'busy']);
/** The same, once the file's name is in the text. */
const COMPLETE_WITH_NAME: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['not-found', 'media-missing', 'project-locked']);

export interface ErrorText {
  /** The sentence for the user, in their language. */
  text: string;
  /** The core's own (English) words, when the text above could not say everything; null otherwise. */
  detail: string | null;
}

type ErrorLike = Pick<ApiErrorShape, 'code'> & { message?: string; details?: Record<string, unknown> | undefined };

const isErrorLike = (value: unknown): value is ErrorLike =>
  typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string' && (value as { code: string }).code in TEXTS.en.codes;

/**
 * Any error a call can end in, in the user's language: a MidstanceError or an ApiErrorShape (by code and
 * details), a failed connection, or anything else (its message as detail).
 */
export function errorText(error: unknown, language: string): ErrorText {
  const texts = language === 'nl' ? TEXTS.nl : TEXTS.en;
  if (!isErrorLike(error)) {
    // fetch() throws a TypeError when the server is gone.
    if (error instanceof TypeError && /fetch|network/i.test(error.message)) return { text: texts.offline, detail: null };
    const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
    return { text: texts.unknown, detail: message || null };
  }
  const { code } = error;
  const details = error.details ?? {};
  const message = error.message?.trim() || null;
  const name = typeof details.path === 'string' && details.path ? baseName(details.path) : null;
  // The core's words add nothing when they are this table's English text for the code.
  const done = (text: string, complete: boolean): ErrorText => ({
    text,
    detail: complete || message === text || message === TEXTS.en.codes[code] ? null : message,
  });

  if ((code === 'media-unreadable' || code === 'media-unsupported') && name && isMediaReason(details.reason)) {
    return done(fill(texts.media[details.reason], { name }), true);
  }
  if (details.reason === 'not-regular-file' && name && isFileKind(details.fileKind)) {
    return done(fill(texts.notRegular[details.fileKind], { name }), true);
  }
  if (code === 'file-access' && name && isFsCode(details.fsCode)) {
    return done(fill(texts.fileAccess, { name, reason: texts.fs[details.fsCode] }), true);
  }
  if (code === 'project-newer' && name && details.fileVersion !== undefined && details.supportedVersion !== undefined) {
    return done(fill(texts.newer, { name, fileVersion: String(details.fileVersion), supportedVersion: String(details.supportedVersion) }), true);
  }
  const withName = name ? texts.codesWithName[code] : undefined;
  if (withName) return done(fill(withName, { name: name! }), COMPLETE_WITH_NAME.has(code));
  return done(texts.codes[code], COMPLETE_CODES.has(code));
}

/** errorText as one line: the text, then the core's words in brackets when there are any. */
export function errorLine(error: unknown, language: string): string {
  const { text, detail } = errorText(error, language);
  return detail ? `${text} (${detail})` : text;
}

const isMediaReason = (value: unknown): value is MediaReason => (MEDIA_REASONS as readonly unknown[]).includes(value);
const isFsCode = (value: unknown): value is FsCode => (FS_CODES as readonly unknown[]).includes(value);
const isFileKind = (value: unknown): value is FileKind => (FILE_KINDS as readonly unknown[]).includes(value);

/** The last part of a path, for either separator (the renderer has no node:path). */
const baseName = (path: string): string => path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || path;

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);

/** For tests: every text of a language. */
export function allErrorTexts(language: 'en' | 'nl'): string[] {
  const texts = TEXTS[language];
  return [
    ...Object.values(texts.codes),
    ...Object.values(texts.codesWithName),
    ...Object.values(texts.media),
    ...Object.values(texts.fs),
    ...Object.values(texts.notRegular),
    texts.fileAccess,
    texts.newer,
    texts.offline,
    texts.unknown,
  ];
}

export const errorCodeTexts = (language: 'en' | 'nl'): Readonly<Record<string, string>> => TEXTS[language].codes;
