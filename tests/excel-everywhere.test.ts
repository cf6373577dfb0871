// "Excel everywhere" (SPEC §5): the add-in's changes work in an Excel whose list
// separator is ";", on Excel on the web where undo grouping is refused, beside
// co-authors who change the workbook between Proforma's read and its write, over
// the board's prompt-only validation, with a scale too long for a drop-down, and
// in an Excel without ExcelApi 1.13. Each fake behaviour is cited where it is
// modelled (tests/fake-excel).
import { STATUSES, WorkbookSnapshot, analyse, colourPlan, settingsToPairs } from '../src/engine';
import { createOperations } from '../src/addin/operations';
import { EXPLAINED_CODES, ExcelSession, moveFormula, readSnapshot, runInExcel, writePlan } from '../src/hosts/excel';
import { EXAMPLE_DATE, exampleSnapshot } from './fixtures/examples';
import { FakeExcel, FakeExcelOptions, FakeOfficeError, FakeRule, FakeSheet } from './fake-excel';
import { loadSnapshot } from './fake-excel/from-snapshot';

function fakeWith(file: string, options: FakeExcelOptions = {}): FakeExcel {
  const fake = new FakeExcel({ supports: { ExcelApi: '1.20' }, ...options });
  loadSnapshot(fake.state, exampleSnapshot(file));
  return fake;
}

const EXAMPLES = ['quarterly-performance-report.xlsx', 'norfolk-2019-refresh.xlsx'];

/** Proforma's rules on a sheet, as the fake holds them. */
const ours = (sheet: FakeSheet): FakeRule[] => sheet.rules.filter((r) => r.formula.startsWith('=N("Proforma'));

describe('an Excel whose list separator is ";" (German, Czech: office-js#1167, #1985)', () => {
  it.each(EXAMPLES)('%s: colours every theme sheet, the rules over several areas as well', async (file) => {
    const fake = fakeWith(file, { listSeparator: ';' });
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const done = await operations.colour();
    expect(done.intent).toBe('success');
    const snapshot = exampleSnapshot(file);
    const plan = colourPlan(analyse(snapshot, { today: EXAMPLE_DATE }));
    for (const edit of plan.edits) {
      if (edit.kind !== 'live-colours') continue;
      const sheet = fake.state.sheet(edit.sheet)!;
      // Every planned rule, with every one of its areas, as one rule each (the number of rules
      // depends on the sheets, not on the rows or merges).
      expect(ours(sheet).map((r) => r.ranges)).toEqual(edit.rules.map((r) => r.ranges));
      expect(
        sheet.validation.get(`${edit.dropDowns[0].ranges[0].top},${edit.dropDowns[0].ranges[0].left}`),
      ).toMatchObject({
        type: 'List',
      });
    }
    // Colouring again finds them as its own: nothing to change.
    expect((await operations.colour()).message).toMatch(/^Colours are already live/);
  });

  it('the quarterly example has rules over several areas, which a "," address would have Excel refuse', async () => {
    const plan = colourPlan(analyse(exampleSnapshot('quarterly-performance-report.xlsx'), { today: EXAMPLE_DATE }));
    const several = plan.edits
      .flatMap((e) => (e.kind === 'live-colours' ? e.rules : []))
      .filter((r) => r.ranges.length > 1);
    expect(several.length).toBeGreaterThan(0);
    const fake = fakeWith('quarterly-performance-report.xlsx', { listSeparator: ';' });
    await expect(
      fake.run({}, async (context) => {
        context.workbook.worksheets.getItem('Diversion').getRanges('C4:H6,A7:H7').conditionalFormats.add('Custom');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('the separator is found once a session, by a read that changes nothing', async () => {
    const fake = fakeWith('quarterly-performance-report.xlsx', { listSeparator: ';' });
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    await operations.colour();
    const probes = fake.stats.runs.length;
    const settings = (await operations.check()).analysis.settings;
    await operations.saveSettings({ ...settings, scale: 'ragb' });
    fake.resetStats();
    await operations.colour();
    // The read and the change: no probe this time.
    expect(fake.stats.runs).toHaveLength(2);
    expect(probes).toBe(3);
  });
});

describe('Excel on the web refusing undo grouping (office-js#6711)', () => {
  it('a first grouped change refused: made without the refused pair, still one undo step, and remembered', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx', { platform: 'web', refusesUndoGroupWithDelay: true });
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const done = await operations.colour();
    expect(done.intent).toBe('success');
    expect(done.message).not.toMatch(/Undo is not grouped/);
    expect(ours(fake.state.sheet('Offender Management')!)).toHaveLength(8);
    expect(fake.stats.refusedRuns).toBe(1);
    // The next change goes straight to what worked.
    fake.resetStats();
    await operations.fix();
    expect(fake.stats.refusedRuns).toBe(0);
    expect(fake.stats.runs.filter((r) => r.mergeUndoGroup)).toEqual([{ mergeUndoGroup: true }]);
  });

  it('saving the settings first of all: saved all the same', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx', { platform: 'web', refusesUndoGroupWithDelay: true });
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const settings = (await operations.check()).analysis.settings;
    const saved = await operations.saveSettings({ ...settings, scale: 'ragb' });
    expect(saved.analysis.settings.scale).toBe('ragb');
    expect(fake.stats.refusedRuns).toBe(1);
  });

  it('grouping refused whatever the options: the change is made, and the pane says undo is not grouped', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx', { platform: 'web' });
    // Every grouped run refused, as the issue's title reports it ("mergeUndoGroup not working in Excel Web").
    const run = fake.run.bind(fake);
    fake.run = (options, batch) =>
      options.mergeUndoGroup
        ? run(options, async (context) => {
            await context.sync();
            throw new FakeOfficeError('GeneralException', 'There was an internal error while processing the request.');
          })
        : run(options, batch);
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const done = await operations.fix();
    expect(done.message).toMatch(/Undo is not grouped on this Excel/);
    expect(fake.state.value('Offender Management', 'A6')).toBe('OM2');
    fake.resetStats();
    const again = await operations.colour();
    expect(again.message).toMatch(/Undo is not grouped on this Excel/);
    // Remembered: no grouped run tried again.
    expect(fake.stats.runs.filter((r) => r.mergeUndoGroup)).toEqual([]);
  });

  it('a grouped change refused part-way for its size (office-js#6491): made again ungrouped, said, and not remembered', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx');
    const run = fake.run.bind(fake);
    let refuse = true;
    // The write sync of a grouped run (its second: the first is the load) throws UndoNotSupported.
    fake.run = (options, batch) =>
      options.mergeUndoGroup && refuse
        ? run(options, (context) => {
            let syncs = 0;
            const refusing = new Proxy(context, {
              get(target, property, receiver) {
                if (property !== 'sync') return Reflect.get(target, property, receiver);
                return async () => {
                  if (++syncs === 2)
                    throw new FakeOfficeError(
                      'UndoNotSupported',
                      'The JavaScript API request failed due to lack of support for the undo operation.',
                    );
                  await target.sync();
                };
              },
            });
            return batch(refusing);
          })
        : run(options, batch);
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const done = await operations.colour();
    expect(done.message).toMatch(/Undo is not grouped on this Excel/);
    expect(ours(fake.state.sheet('Offender Management')!)).toHaveLength(8);
    refuse = false;
    fake.resetStats();
    const fixed = await operations.fix();
    expect(fixed.message).not.toMatch(/Undo is not grouped/);
    expect(fake.stats.runs.filter((r) => r.mergeUndoGroup)).toHaveLength(1);
  });

  it('an error of the change itself is not taken for a refusal: it is said, and nothing is tried again', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx', { platform: 'web', refusesUndoGroupWithDelay: true });
    fake.state.structureProtected = true;
    fake.state.sheet('Offender Management')!.protected = true;
    await expect(createOperations(fake, () => EXAMPLE_DATE).fix()).rejects.toThrow(/protected/);
  });
});

describe('co-authors: what someone changes between the read and the write is never lost', () => {
  it('a rule, a list and an edit of a cell being fixed, made between the read and the write', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx');
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    await operations.colour();
    const sheet = fake.state.sheet('Offender Management')!;
    const settings = (await operations.check()).analysis.settings;
    await operations.saveSettings({ ...settings, scale: 'ragb' });

    // As the next colour's write run starts: a co-author adds a rule (Excel adds it at the top,
    // moving every rule's id by one) and a whole-number rule of their own on F6, in the list.
    const theirRule: FakeRule = {
      type: 'CellValue',
      ranges: [{ top: 3, left: 3, bottom: 10, right: 3 }],
      formula: '',
      anchor: { row: 3, col: 3 },
      fill: '#FFC7CE',
    };
    const theirList = {
      type: 'WholeNumber' as const,
      source: '',
      inCellDropDown: false,
      alert: { title: 'Score', message: '1 to 4', style: 'Stop', showAlert: true },
    };
    fake.onRun = (_options, index) => {
      if (index !== 1) return;
      sheet.rules.unshift(theirRule);
      sheet.validation.set('5,5', theirList);
    };
    fake.resetStats();
    const done = await operations.colour();
    fake.onRun = undefined;
    expect(sheet.rules[0]).toBe(theirRule);
    expect(ours(sheet)).toHaveLength(10);
    expect(sheet.validation.get('5,5')).toBe(theirList);
    expect(sheet.validation.get('4,5')).toMatchObject({ source: 'R,A,G,W,B' });
    expect(done.intent).toBe('warning');
    expect(done.message).toMatch(/No drop-down was added at Offender Management F6: those cells now have validation/);

    // A fix whose cell a co-author types into between the read and the write: skipped, said.
    fake.onRun = (_options, index) => {
      if (index === 1) fake.state.set('Offender Management', 'A6', 'OM9');
    };
    fake.resetStats();
    const fixed = await operations.fix();
    fake.onRun = undefined;
    expect(fake.state.value('Offender Management', 'A6')).toBe('OM9');
    expect(fixed.intent).toBe('warning');
    expect(fixed.message).toMatch(/1 fix was not made: Offender Management A6 \(now "OM9"\) changed since the check/);
    // The other fixes were made, and the pane shows the workbook as it is now.
    expect(fixed.result.analysis.issues.some((i) => i.sheet === 'Offender Management' && i.cell === 'A6')).toBe(true);
  });

  it('the fake is as Excel: clearing validation clears a manual one too, and adding a rule moves every id', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx');
    const sheet = fake.state.sheet('Notes')!;
    sheet.validation.set('0,0', {
      type: 'WholeNumber',
      source: '',
      inCellDropDown: false,
      alert: { title: '', message: '', style: 'Stop', showAlert: true },
    });
    const ids = async () =>
      fake.run({}, async (context) => {
        const formats = context.workbook.worksheets.getItem('Notes').getRange().conditionalFormats;
        formats.load('items/id');
        await context.sync();
        return formats.items.map((f) => f.id);
      });
    await fake.run({}, async (context) => {
      const notes = context.workbook.worksheets.getItem('Notes');
      notes.getRange('A1:B2').dataValidation.clear();
      notes.getRange('C3').conditionalFormats.add('Custom');
      await context.sync();
    });
    expect(sheet.validation.size).toBe(0);
    const first = sheet.rules[0];
    expect(await ids()).toEqual(['0']);
    await fake.run({}, async (context) => {
      context.workbook.worksheets.getItem('Notes').getRange('D4').conditionalFormats.add('Custom');
      await context.sync();
    });
    expect(await ids()).toEqual(['0', '1']);
    expect(sheet.rules[1]).toBe(first);
  });

  it('a read made before another colour: the write deletes only the rules it finds are Proforma’s now', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx');
    await createOperations(fake, () => EXAMPLE_DATE).colour();
    const { snapshot, receipt } = await runInExcel(fake, (context) => readSnapshot(context, { colours: true }));
    const sheet = fake.state.sheet('Prevention & Early Intervention')!;
    // Two rules of the board's added since, at the top: every id the read gave is two out.
    const board = [0, 1].map((i): FakeRule => ({
      type: 'CellValue',
      ranges: [{ top: 3 + i, left: 2, bottom: 3 + i, right: 2 }],
      formula: '',
      anchor: { row: 3 + i, col: 2 },
    }));
    sheet.rules.unshift(...board);
    const plan = colourPlan(
      analyse(
        { ...snapshot, sheets: snapshot.sheets.map((s) => ({ ...s, statusRules: [] })) },
        { today: EXAMPLE_DATE },
      ),
    );
    await writePlan(fake, plan, snapshot, receipt, new ExcelSession());
    expect(sheet.rules.slice(0, 2)).toEqual(board);
    expect(ours(sheet)).toHaveLength(8);
  });
});

describe("the board's prompt-only validation (office-js#2594)", () => {
  it('is the board’s: no list goes over it, and colouring works around it', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx');
    const sheet = fake.state.sheet('Offender Management')!;
    sheet.validation.set('6,5', {
      type: 'None',
      source: '',
      inCellDropDown: false,
      alert: { title: '', message: '', style: 'Stop', showAlert: true },
      prompt: { title: 'Status', message: 'R, A or G as agreed at the board', showPrompt: true },
    });
    const done = await createOperations(fake, () => EXAMPLE_DATE).colour();
    expect(done.intent).toBe('success');
    expect(sheet.validation.get('6,5')?.prompt?.title).toBe('Status');
    expect(sheet.validation.get('6,5')?.type).toBe('None');
    expect(sheet.validation.get('5,5')).toMatchObject({ type: 'List' });
    expect(sheet.validation.get('7,5')).toMatchObject({ type: 'List' });
    const { snapshot } = await runInExcel(fake, (context) => readSnapshot(context, { colours: true }));
    const read = snapshot.sheets.find((s) => s.name === 'Offender Management')!;
    expect(read.boardValidation).toContainEqual({ top: 6, bottom: 6, left: 5, right: 5 });
  });
});

describe('a scale whose drop-down would pass 255 characters', () => {
  it('gets its colours but no status list, and the message says why', async () => {
    const snapshot: WorkbookSnapshot = exampleSnapshot('norfolk-2019-refresh.xlsx');
    // Seven statuses of 38 characters each (a code may have 40): 7 × 38 + 6 commas = 272.
    const base = ['R', 'A', 'G', 'W', 'B', 'R', 'G'] as const;
    const settings = analyse(snapshot, { today: EXAMPLE_DATE }).settings;
    const custom = {
      ...settings,
      scale: 'custom' as const,
      customStatuses: base.map((c, i) => ({
        ...STATUSES[c],
        code: `Stage ${i + 1} of the partnership plan..`.padEnd(38, '.'),
        spellings: [`stage ${i + 1}`],
      })),
    };
    snapshot.sheets.push({
      name: 'ProformaSettings',
      visibility: 'veryHidden',
      cells: settingsToPairs(custom).map(([k, v]) => [
        { kind: 'text', text: k },
        { kind: 'text', text: v },
      ]),
      merges: [],
      hiddenRows: [],
      fills: {},
    });
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, snapshot);
    const done = await createOperations(fake, () => EXAMPLE_DATE).colour();
    expect(done.message).toMatch(
      /No status drop-downs were added: the scale's codes make a list of 272 characters, longer than the 255 Excel allows/,
    );
    const sheet = fake.state.sheet('Offender Management')!;
    expect(ours(sheet)).toHaveLength(14); // two a status
    expect([...sheet.validation.values()].map((v) => v.source)).not.toContainEqual(expect.stringMatching(/Stage/));
  });

  it('the fake refuses such a list, as Excel keeps none', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx');
    await expect(
      fake.run({}, async (context) => {
        context.workbook.worksheets.getItem('Notes').getRange('A1').dataValidation.rule = {
          list: { inCellDropDown: true, source: 'x'.repeat(256) },
        };
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('an Excel without ExcelApi 1.13 (no merged-areas call)', () => {
  it('colours without asking for merged areas, and a check never asks', async () => {
    const fake = fakeWith('quarterly-performance-report.xlsx', { supports: { ExcelApi: '1.12' } });
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    await operations.check();
    const done = await operations.colour();
    expect(done.message).toMatch(/^Colours are live on 4 sheets/);
    expect(done.message).toMatch(/this version of Excel cannot\), so a cell merged across several actions/);
    expect(fake.stats.undoStackCleared).toBe(0);
    expect(ours(fake.state.sheet('Prevention')!)).toHaveLength(8);
  });

  it('the fake has no such call there', async () => {
    const fake = fakeWith('quarterly-performance-report.xlsx', { supports: { ExcelApi: '1.12' } });
    await expect(
      fake.run({}, async (context) => {
        context.workbook.worksheets.getItem('Prevention').getRange('A1:H9').getMergedAreasOrNullObject();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it('with ExcelApi 1.13, merged areas are asked only for tables that could hide one', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx', { supports: { ExcelApi: '1.20' } });
    // Fill every empty cell of the tables: no cell can be under a merge.
    for (const sheet of fake.state.sheets.slice(1, 4))
      for (let r = 3; r < 30; r++)
        for (let c = 0; c < 8; c++)
          if (!sheet.cells.has(`${r},${c}`) && [...sheet.cells.keys()].some((k) => k.startsWith(`${r},`)))
            sheet.cells.set(`${r},${c}`, { value: 'n/a', type: 'String', numberFormat: 'General' });
    await createOperations(fake, () => EXAMPLE_DATE).colour();
    expect(fake.stats.undoStackCleared).toBe(0);
  });
});

describe('every Excel error a user can meet has a plain message', () => {
  it.each(EXPLAINED_CODES)('%s', async (code) => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx');
    const error = await runInExcel(fake, async () => {
      throw new FakeOfficeError(code, 'raw');
    }).catch((e: Error) => e);
    expect(error.message).not.toMatch(/raw|Excel reported a problem/);
    expect(error.message).toMatch(/^[A-Z].*\.$/);
  });

  it('InvalidArgument among them', async () => {
    const fake = fakeWith('norfolk-2019-refresh.xlsx');
    await expect(
      runInExcel(fake, async () => {
        throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      }),
    ).rejects.toThrow(/Excel did not accept part of the change as Proforma wrote it/);
  });
});

describe('a rule over several areas where no separator works', () => {
  it("gets a rule an area, each formula reading from its own area's top row", () => {
    expect(moveFormula('N("Proforma R")+OR(TRIM(CLEAN($F4))="r",TRIM(CLEAN($F4))="$F4")', 3)).toBe(
      'N("Proforma R")+OR(TRIM(CLEAN($F7))="r",TRIM(CLEAN($F7))="$F4")',
    );
  });
});
