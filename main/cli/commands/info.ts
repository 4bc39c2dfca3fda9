import { RUNNING_TECHNIQUE_CHECKLIST } from '../../../common/checklist/checklist.ts';
import { labelText } from '../../../common/measurements/presets.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import type { GaitSummaryJson } from '../../../common/gait/summary.ts';
import { toolsForCli } from '../../media/cli-support.ts';
import { probeMedia } from '../../media/probe.ts';
import { summarizeProject, type MeasurementSummary, type ProjectSummary } from '../../project/summary.ts';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Show what a project holds: clients, sessions, clips (video found or missing) and measurements.',
  usage: 'midstance info PROJECT [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    const [path, ...extra] = positionals;
    if (path === undefined || extra.length > 0) {
      throw Object.assign(new Error('give exactly one project file'), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
    }
    const summary = await summarizeProject(path, {
      readFrames: async (video, userCaptureFps) => {
        const { ffprobe } = await toolsForCli();
        const probe = await probeMedia(video, { ffprobe: ffprobe.path, userCaptureFps });
        return { info: probe.info, frames: probe.table };
      },
    });
    io.stdout(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
    return 0;
  },
};

export function formatSummary(summary: ProjectSummary): string {
  const lines: string[] = [];
  const created = summary.createdAt ? `, created ${summary.createdAt.slice(0, 10)}` : '';
  const by = summary.lastWrittenWith ? `, last written by Midstance ${summary.lastWrittenWith}` : '';
  lines.push(`Project ${summary.path}`);
  lines.push(`  format ${summary.schemaVersion}${created}${by}`);
  if (summary.migratedFrom !== null) lines.push(`  (stored in older format ${summary.migratedFrom}; shown as format ${summary.schemaVersion})`);
  if (summary.uncleanShutdown) lines.push(uncleanShutdownText(summary.uncleanShutdown));
  const norms = Object.keys(summary.settings.norms).length;
  lines.push(
    `  angle convention ${summary.settings.angleConvention}, language ${summary.settings.language}, ${norms} norm override${norms === 1 ? '' : 's'}`,
  );

  lines.push('', `Clients (${summary.clients.length})`);
  lines.push(
    ...table(
      ['name', 'born', 'own id', 'sessions'],
      summary.clients.map((c) => [c.name, c.birthYear?.toString() ?? '', c.externalId ?? '', String(c.sessions)]),
    ),
  );

  lines.push('', `Sessions (${summary.sessions.length})`);
  lines.push(
    ...table(
      ['date', 'client', 'assessor', 'speed', 'incline', 'shoes', 'clips'],
      summary.sessions.map((s) => [
        s.date,
        s.client,
        s.assessor,
        s.treadmillSpeedKmh === null ? '' : `${s.treadmillSpeedKmh} km/h`,
        s.inclinePercent === null ? '' : `${s.inclinePercent} %`,
        [s.shoes, s.shoeMileageKm === null ? '' : `(${s.shoeMileageKm} km)`].filter(Boolean).join(' '),
        String(s.clips),
      ]),
    ),
  );

  for (const session of summary.sessions) {
    if (session.checklist.length === 0) continue;
    const count = (status: string) => session.checklist.filter((item) => item.status === status).length;
    lines.push(
      '',
      `Checklist of ${session.date} ${session.client} (version ${session.checklistVersion}): ${count('needs-attention')} need attention, ${count('good')} good, ${count('not-assessed')} not assessed`,
    );
    const shown = session.checklist.filter((item) => item.status !== 'not-assessed' || item.note !== '' || item.values.length > 0);
    lines.push(
      ...table(
        ['item', 'status', 'values', 'note'],
        shown.map((item) => [
          RUNNING_TECHNIQUE_CHECKLIST.item(item.key)?.title.en ?? item.key,
          `${item.status}${item.statusSource === 'set' ? ' (set)' : ''}`,
          item.values
            .map((value) => `${value.side ? `${value.side[0]!.toUpperCase()} ` : ''}${value.mean.toFixed(1)}${value.inside === false ? ' OUT' : ''}`)
            .join(', '),
          item.note.replace(/\s+/g, ' ').slice(0, 60),
        ]),
      ),
    );
  }

  const missing = summary.clips.filter((clip) => clip.media === 'missing').length;
  lines.push('', `Clips (${summary.clips.length}${missing > 0 ? `, ${missing} with the video missing` : ''})`);
  lines.push(
    ...table(
      ['clip', 'view', 'capture', 'video', 'measurements', 'gait events'],
      summary.clips.map((c) => [
        c.name,
        c.view ?? '',
        c.captureFps === null ? '' : `${c.captureFps} fps`,
        c.media === 'found' ? `found: ${c.path}` : `MISSING (last at ${c.lastKnownPath})`,
        String(c.annotations),
        String(c.gaitEvents),
      ]),
    ),
  );

  for (const clip of summary.clips) {
    if (clip.tracks.length === 0) continue;
    lines.push('', `Tracks of ${clip.name}`);
    lines.push(
      ...table(
        ['track', 'source', 'status', 'frames', 'from', 'to'],
        clip.tracks.map((t) => [
          t.label || t.landmark || t.id.slice(0, 8),
          t.source,
          t.status,
          String(t.pointCount),
          t.firstFrame === null ? '' : String(t.firstFrame),
          t.lastFrame === null ? '' : String(t.lastFrame),
        ]),
      ),
    );
    if (clip.proposedEvents.length > 0) {
      lines.push(`Proposed from the foot tracks (${clip.proposedEvents.length}, not marked yet):`);
      lines.push(...table(['frame', 'foot', 'event', 'confidence'], clip.proposedEvents.map((p) => [String(p.frameIndex), p.side, p.kind, p.confidence.toFixed(2)])));
    }
  }

  for (const clip of summary.clips) {
    if (clip.gaitEvents === 0 && Object.keys(clip.measurementSummary).length === 0) continue;
    lines.push('', `Timing of ${clip.name}`);
    lines.push(...gaitLines(clip.gait, clip.media));
    const presets = Object.entries(clip.measurementSummary);
    if (presets.length > 0) {
      lines.push(
        ...table(
          ['measure', 'mean ± SD', 'n', 'min', 'max', 'convention'],
          presets.map(([key, entry]) => [
            labelText(key, 'en') ?? key,
            `${entry.mean.toFixed(1)} ± ${entry.sd === null ? '–' : entry.sd.toFixed(1)}`,
            String(entry.n),
            entry.min.toFixed(1),
            entry.max.toFixed(1),
            entry.convention,
          ]),
        ),
      );
    }
  }

  lines.push('', `Measurements (${summary.measurements.length})`);
  lines.push(
    ...table(
      ['clip', 'frame', 'file time', 'label', 'type', 'interior', 'clinical'],
      summary.measurements.map((m) => [
        m.clip,
        String(m.frameIndex),
        `${m.frameTime.toFixed(3)} s`,
        m.labelText ?? '',
        m.type,
        valueText(m, 'interior'),
        valueText(m, 'clinical'),
      ]),
    ),
  );
  return `${lines.join('\n')}\n`;
}

function uncleanShutdownText(unclean: NonNullable<ProjectSummary['uncleanShutdown']>): string {
  const head = '  NOT CLOSED PROPERLY last time: its change log (-wal) is still beside it';
  const tail = 'Shown as SQLite recovers it; the files were not changed. Opening it in Midstance keeps a copy of both first.';
  if (unclean.lostChanges === null) return `${head} and cannot be read at all: the most recent changes may be missing. ${tail}`;
  if (unclean.lostChanges > 0) {
    return `${head}; ${plural(unclean.recoveredChanges, 'change')} in it can be read, ${plural(unclean.lostChanges, 'change')} in it could not be read (damaged). ${tail}`;
  }
  return `${head} with ${plural(unclean.recoveredChanges, 'change')}, all readable. ${tail}`;
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

function gaitLines(gait: GaitSummaryJson | null, media: 'found' | 'missing'): string[] {
  if (!gait) return [media === 'missing' ? '  (video missing: timing needs its frame times)' : '  (the video could not be read)'];
  const lines = [
    `  capture ${gait.captureFps} fps, ±1 frame = ±${gait.resolutionMs.toFixed(1)} ms; complete steps left ${gait.steps.left}, right ${gait.steps.right}`,
  ];
  const stat = (value: { mean: number; sd: number | null; n: number } | null, digits: number, scale = 1) =>
    value === null ? '–' : `${(value.mean * scale).toFixed(digits)} ± ${value.sd === null ? '–' : (value.sd * scale).toFixed(digits)} (n ${value.n})`;
  const asymmetry = (value: number | null | undefined) => (value == null ? '' : `${value.toFixed(1)} %`);
  const rows: [string, GaitSummaryJson['contactTimeMs'], number, number, number | null | undefined][] = [
    ['contact time (ms)', gait.contactTimeMs, 1, 1, gait.asymmetryPct.contactTimeMs],
    ['flight time (ms)', gait.flightTimeMs, 1, 1, gait.asymmetryPct.flightTimeMs],
    ['step time (ms)', gait.stepTimeMs, 1, 1, gait.asymmetryPct.stepTimeMs],
    ['stride time (ms)', gait.strideTimeMs, 1, 1, undefined],
    ['cadence (steps/min)', gait.cadenceSpm, 1, 1, undefined],
    ['duty factor (%)', gait.dutyFactor, 1, 100, undefined],
  ];
  lines.push(
    ...table(
      ['figure', 'left', 'right', 'together', 'asymmetry'],
      rows.map(([name, figure, digits, scale, asym]) => [name, stat(figure.left, digits, scale), stat(figure.right, digits, scale), stat(figure.all, digits, scale), asymmetry(asym)]),
    ),
  );
  for (const warning of gait.warnings) lines.push(`  warning: ${warning}`);
  for (const problem of gait.problems) lines.push(`  problem at frame ${problem.frameIndex}: ${problem.message}`);
  return lines;
}

function valueText(m: MeasurementSummary, convention: 'interior' | 'clinical'): string {
  if (!m.value) return '';
  const value = convention === 'interior' ? m.value.interior : m.value.clinical;
  const decimals = m.value.unit === 'px' ? 0 : 1;
  const number = value.toFixed(decimals);
  if (m.value.unit !== '°') return `${number} ${m.value.unit}`;
  return `${number}° ${convention === 'interior' ? m.value.interiorMeaning : m.value.clinicalMeaning}`;
}

function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['  (none)'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const format = (row: string[]) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [format(header), ...rows.map(format)];
}
