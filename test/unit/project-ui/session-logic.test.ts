import { describe, expect, it } from 'vitest';
import { CameraSetup, Client, Clip, SessionProtocol, type Session } from '../../../common/contract/project.ts';
import {
  checkNumber,
  formatDecimal,
  likelyViewForNewClip,
  localIsoDate,
  maxLengthOf,
  newSessionDraft,
  numberBounds,
  parseDecimal,
  previousSession,
  sameCameraSetup,
  sortSessions,
} from '../../../renderer/src/project/session-logic.ts';
import { baseName, folderOf, joinPath, projectFileName } from '../../../renderer/src/project/paths.ts';

const session = (id: string, date: string, createdAt: string, extra: Partial<Session> = {}): Session => ({
  id,
  clientId: 'c1',
  date,
  assessor: 'Anna',
  history: { trainingVolume: '', complaints: '', goals: '' },
  protocol: { treadmillSpeedKmh: 11, inclinePercent: 1, shoes: 'Pegasus', shoeMileageKm: 420 },
  camera: { views: ['side-left', 'rear'], distanceM: 3, heightM: 0.9 },
  createdAt,
  updatedAt: createdAt,
  ...extra,
});

describe('sessions', () => {
  const march = session('s2', '2025-03-12', '2025-03-12T09:00:00Z');
  const januaryLate = session('s1b', '2025-01-08', '2025-01-08T15:00:00Z');
  const januaryEarly = session('s1a', '2025-01-08', '2025-01-08T09:00:00Z');
  const otherClient = session('x', '2025-02-01', '2025-02-01T09:00:00Z', { clientId: 'c2' });

  it('sorts newest first by date, then by when entered', () => {
    expect(sortSessions([januaryEarly, march, januaryLate]).map((s) => s.id)).toEqual(['s2', 's1b', 's1a']);
  });

  it('finds the same client’s session before this one', () => {
    const all = [januaryEarly, march, januaryLate, otherClient];
    expect(previousSession(all, march)?.id).toBe('s1b');
    expect(previousSession(all, januaryLate)?.id).toBe('s1a');
    expect(previousSession(all, januaryEarly)).toBeNull();
  });

  it('a new session is dated today and repeats the latest set-up, but not the shoe mileage', () => {
    const draft = newSessionDraft('c1', march, '2025-06-01');
    expect(draft).toEqual({
      clientId: 'c1',
      date: '2025-06-01',
      assessor: 'Anna',
      protocol: { treadmillSpeedKmh: 11, inclinePercent: 1, shoes: 'Pegasus' },
      camera: { views: ['side-left', 'rear'], distanceM: 3, heightM: 0.9 },
    });
    expect(draft.camera?.views).not.toBe(march.camera.views);
    expect(newSessionDraft('c9', null, '2025-06-01')).toEqual({ clientId: 'c9', date: '2025-06-01' });
  });

  it('compares camera set-ups regardless of view order', () => {
    expect(sameCameraSetup(march.camera, { views: ['rear', 'side-left'], distanceM: 3, heightM: 0.9 })).toBe(true);
    expect(sameCameraSetup(march.camera, { views: ['rear'], distanceM: 3, heightM: 0.9 })).toBe(false);
    expect(sameCameraSetup(march.camera, { ...march.camera, heightM: 1 })).toBe(false);
  });

  it('uses the local calendar date, not UTC', () => {
    expect(localIsoDate(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
    expect(localIsoDate(new Date(2025, 11, 31, 0, 1))).toBe('2025-12-31');
  });
});

describe('numbers as typed', () => {
  it('accepts a decimal comma or point, empty as null, and refuses the rest', () => {
    expect(parseDecimal('10,5')).toBe(10.5);
    expect(parseDecimal(' 10.5 ')).toBe(10.5);
    expect(parseDecimal(',5')).toBe(0.5);
    expect(parseDecimal('-2')).toBe(-2);
    expect(parseDecimal('12,')).toBe(12);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('  ')).toBeNull();
    for (const bad of ['1.000,5', '10 km', 'abc', '1e3', '--1', 'Infinity']) expect(parseDecimal(bad)).toBe('invalid');
  });

  it('shows stored numbers with the language’s decimal mark', () => {
    expect(formatDecimal(10.5, 'nl')).toBe('10,5');
    expect(formatDecimal(10.5, 'en')).toBe('10.5');
    expect(formatDecimal(null, 'nl')).toBe('');
  });

  it('checks against the contract’s own limits', () => {
    expect(numberBounds(SessionProtocol.shape.treadmillSpeedKmh)).toEqual({ min: 0, max: 50, integer: false });
    expect(numberBounds(Client.shape.birthYear)).toEqual({ min: 1900, max: 2100, integer: true });
    expect(checkNumber('12,5', SessionProtocol.shape.treadmillSpeedKmh)).toEqual({ ok: true, value: 12.5 });
    expect(checkNumber('', SessionProtocol.shape.treadmillSpeedKmh)).toEqual({ ok: true, value: null });
    expect(checkNumber('51', SessionProtocol.shape.treadmillSpeedKmh).ok).toBe(false);
    expect(checkNumber('-31', SessionProtocol.shape.inclinePercent).ok).toBe(false);
    expect(checkNumber('-3', SessionProtocol.shape.inclinePercent)).toEqual({ ok: true, value: -3 });
    expect(checkNumber('1988,5', Client.shape.birthYear).ok).toBe(false);
    expect(checkNumber('0', Clip.shape.captureFps).ok).toBe(false);
    expect(checkNumber('240', Clip.shape.captureFps)).toEqual({ ok: true, value: 240 });
    expect(checkNumber('11', CameraSetup.shape.heightM).ok).toBe(false);
  });

  it('reads text limits from the contract', () => {
    expect(maxLengthOf(Client.shape.name)).toBe(200);
    expect(maxLengthOf(Client.shape.externalId)).toBe(100);
  });
});

describe('new clips', () => {
  it('suggest the first planned view no clip has yet', () => {
    expect(likelyViewForNewClip(['side-left', 'rear'], [])).toBe('side-left');
    expect(likelyViewForNewClip(['side-left', 'rear'], [{ view: 'side-left' }])).toBe('rear');
    expect(likelyViewForNewClip(['side-left', 'rear'], [{ view: 'side-left' }, { view: 'rear' }])).toBeNull();
    expect(likelyViewForNewClip([], [])).toBeNull();
  });
});

describe('project file names and paths', () => {
  it('adds the extension and refuses names no file system takes', () => {
    expect(projectFileName(' Praktijk 2025 ')).toEqual({ ok: true, fileName: 'Praktijk 2025.midstance' });
    expect(projectFileName('Loopanalyse.MIDSTANCE')).toEqual({ ok: true, fileName: 'Loopanalyse.MIDSTANCE' });
    expect(projectFileName('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(projectFileName('.midstance')).toEqual({ ok: false, reason: 'empty' });
    expect(projectFileName('a/b')).toEqual({ ok: false, reason: 'characters' });
    expect(projectFileName('what?')).toEqual({ ok: false, reason: 'characters' });
    expect(projectFileName('name.')).toEqual({ ok: false, reason: 'dots' });
  });

  it('joins and splits with the folder’s own separator', () => {
    expect(joinPath('/home/anna', 'x.midstance')).toBe('/home/anna/x.midstance');
    expect(joinPath('/', 'x.midstance')).toBe('/x.midstance');
    expect(joinPath('C:\\Users\\Anna', 'x.midstance')).toBe('C:\\Users\\Anna\\x.midstance');
    expect(folderOf('/home/anna/x.midstance')).toBe('/home/anna');
    expect(folderOf('/x.midstance')).toBe('/');
    expect(folderOf('C:\\x.midstance')).toBe('C:\\');
    expect(baseName('C:\\clips\\side é.mp4')).toBe('side é.mp4');
  });
});
