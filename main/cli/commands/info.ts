import { parseCommandArgs, type CliCommand } from '../command.ts';
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
    const summary = await summarizeProject(path);
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
