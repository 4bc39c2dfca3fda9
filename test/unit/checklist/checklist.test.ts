import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChecklistDataError, loadChecklist, resolveItemKey, RUNNING_TECHNIQUE_CHECKLIST } from '../../../common/checklist/checklist.ts';
import { CHECKLIST_MEASURES, measureByKey, NORM_DEFINITIONS } from '../../../common/checklist/measures.ts';

const raw = () => JSON.parse(readFileSync(new URL('../../../resources/checklists/running-technique.json', import.meta.url), 'utf8'));

describe('the running-technique checklist data', () => {
  const checklist = RUNNING_TECHNIQUE_CHECKLIST;

  it('is grouped view by view as the e-book works through a video, timing last', () => {
    expect(checklist.version).toBe(1);
    expect(checklist.groups.map((group) => group.key)).toEqual(['side-speed', 'side-slow', 'side-landing', 'side-midstance', 'front', 'timing']);
    expect(checklist.groups.find((group) => group.key === 'front')?.views).toEqual(['front', 'rear']);
    const keys = checklist.items.map((item) => item.key);
    for (const key of [
      'side-speed.bounce',
      'side-slow.arms',
      'side-landing.overstride',
      'side-midstance.trunk-angle',
      'side-midstance.knee-angle',
      'front.pelvic-drop',
      'front.knee-in',
      'front.foot-track',
      'timing.contact-time',
      'timing.asymmetry',
    ]) {
      expect(keys).toContain(key);
    }
  });

  it('links the measurable items to their presets and gait figures', () => {
    expect(checklist.item('side-midstance.knee-angle')?.measures).toEqual(['knee-midstance-left', 'knee-midstance-right']);
    expect(checklist.item('side-midstance.trunk-angle')?.measures).toEqual(['trunk-midstance']);
    expect(checklist.item('timing.cadence')?.measures).toEqual(['gait.cadence']);
    for (const item of checklist.items) for (const measure of item.measures) expect(measureByKey(measure), measure).not.toBeNull();
  });

  it('has texts in both languages that differ, and drills for every item', () => {
    for (const text of [...checklist.groups.flatMap((g) => [g.title, g.hint]), ...checklist.items.flatMap((i) => [i.title, i.look]), ...checklist.drills.flatMap((d) => [d.title, d.text])]) {
      expect(text.nl.trim().length).toBeGreaterThan(0);
      expect(text.nl).not.toBe(text.en);
    }
    for (const item of checklist.items) {
      expect(item.drills.length, item.key).toBeGreaterThan(0);
      for (const drill of item.drills) expect(checklist.drill(drill), `${item.key} → ${drill}`).not.toBeNull();
    }
    expect(new Set(checklist.drills.map((d) => d.kind))).toEqual(new Set(['technique', 'intervals', 'strength', 'plyometrics', 'hills']));
  });

  it('names every norm once: presets per side, gait figures once for both feet', () => {
    const keys = NORM_DEFINITIONS.map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['knee-midstance-left', 'knee-midstance-right', 'trunk-midstance', 'gait.contact-time', 'gait.asymmetry']));
    expect(CHECKLIST_MEASURES.filter((m) => m.normKey === 'gait.contact-time').map((m) => m.side)).toEqual(['left', 'right']);
  });
});

describe('loadChecklist refuses broken data with every problem named', () => {
  it('a missing Dutch text (schema)', () => {
    const data = raw();
    delete data.groups[0].items[0].title.nl;
    expect(() => loadChecklist(data)).toThrow(/groups\.0\.items\.0\.title\.nl/);
  });

  it('unknown measures and drills, duplicate keys, items outside their group', () => {
    const data = raw();
    data.groups[0].items[0].measures = ['knee-midstance-middle'];
    data.groups[0].items[1].drills = ['moonwalk'];
    data.groups[1].items[1].key = data.groups[1].items[0].key;
    data.groups[2].items[0].key = 'front.somewhere';
    try {
      loadChecklist(data);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ChecklistDataError);
      const problems = (error as ChecklistDataError).problems.join('\n');
      expect(problems).toMatch(/unknown measure "knee-midstance-middle"/);
      expect(problems).toMatch(/unknown drill "moonwalk"/);
      expect(problems).toMatch(/item "side-slow.arms" appears more than once/);
      expect(problems).toMatch(/"front.somewhere" should start with its group "side-landing."/);
    }
  });

  it('a rename to an item that does not exist', () => {
    const data = raw();
    data.version = 2;
    data.history = [{ version: 2, renamed: { 'side-speed.old': 'side-speed.nowhere' } }];
    expect(() => loadChecklist(data)).toThrow(/renames "side-speed.old" to "side-speed.nowhere"/);
  });
});

describe('version handling', () => {
  /** Version 3 of a checklist: v2 renamed bounce, v3 renamed it again and dropped the overall impression. */
  const v3 = (() => {
    const data = raw();
    data.version = 3;
    const speed = data.groups[0];
    speed.items = speed.items.filter((item: { key: string }) => item.key !== 'side-speed.overall');
    speed.items[0].key = 'side-speed.vertical-motion';
    data.history = [
      { version: 2, renamed: { 'side-speed.bounce': 'side-speed.vertical' } },
      { version: 3, renamed: { 'side-speed.vertical': 'side-speed.vertical-motion' }, removed: ['side-speed.overall'] },
    ];
    return loadChecklist(data);
  })();

  it('follows renames from the version an answer was given under', () => {
    expect(resolveItemKey(v3, 'side-speed.bounce', 1)).toBe('side-speed.vertical-motion');
    expect(resolveItemKey(v3, 'side-speed.vertical', 2)).toBe('side-speed.vertical-motion');
    expect(resolveItemKey(v3, 'side-speed.vertical-motion', 3)).toBe('side-speed.vertical-motion');
    // A key that was not renamed keeps its meaning.
    expect(resolveItemKey(v3, 'front.knee-in', 1)).toBe('front.knee-in');
  });

  it('retires items removed since, and does not reinterpret a key that meant something else back then', () => {
    expect(resolveItemKey(v3, 'side-speed.overall', 1)).toBeNull();
    // Under v3 "side-speed.bounce" no longer exists; an answer claiming v3 with it is unknown, not renamed.
    expect(resolveItemKey(v3, 'side-speed.bounce', 3)).toBeNull();
  });
});
