// Board settings (SPEC §2.6), saved in the workbook so every partner shares them.
import * as React from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  BUILT_IN_SCALES,
  CATALOGUE,
  scaleOf,
  type Analysis,
  type IssueCode,
  type RefScheme,
  type ScaleName,
  type Settings,
} from '../../engine';
import { ColumnMapping, UnreadSheets } from './ColumnMapping';

const useStyles = makeStyles({
  // The view's height: the fields scroll, the Save button stays in view below them.
  form: { display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0, minWidth: 0 },
  fields: {
    flexGrow: 1,
    minHeight: 0,
    minWidth: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: '10px',
    padding: '8px 12px 16px',
    '& > *': { flexShrink: 0 },
  },
  footer: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: '8px',
    padding: '8px 12px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // min-width 0: a native select is as wide as its longest option unless its column may shrink.
  section: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  heading: { margin: '8px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  preview: { display: 'flex', flexWrap: 'wrap', gap: '4px', listStyle: 'none', margin: 0, padding: 0 },
  status: { padding: '2px 6px', borderRadius: '4px' },
  checks: { display: 'flex', flexDirection: 'column', gap: '2px' },
  // A native select is as wide as its longest option ("The board's own statuses…"): let it shrink to the pane.
  select: { minWidth: 0 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
});

/** What each scale is, in the words of the picker. */
const SCALE_LABELS: Record<ScaleName, string> = {
  rag: 'RAG: R, A, G (and W)',
  ragb: 'RAG with Blue for complete: R, A, G, (W,) B',
  track: 'Words: Off track, At risk, On track, Complete',
  custom: "The board's own statuses (status: rows in the settings sheet)",
};

/** Each ref scheme, in the words of the picker, and what it means. */
const SCHEME_LABELS: Record<RefScheme, string> = {
  prefixed: 'Prefixed (PE1, PE2, OM1)',
  numbered: 'Numbered (1, 2, 3)',
  dotted: 'Dotted (1, 1.1, 1.2, 2)',
  codes: 'Codes (ESU01_C, SP1.2a, CYP-07)',
};

const SCHEME_HINTS: Record<RefScheme | 'auto', string> = {
  auto: 'Proforma reads the scheme from the refs most rows use.',
  prefixed: 'Letters then a number; each sheet has its own letters.',
  numbered: 'Whole numbers, rising across the workbook from sheet to sheet.',
  dotted: 'Priorities and their actions: 1, 1.1, 1.2, 2, 2.1, rising across the workbook.',
  codes: "A performance system's own codes: letters, digits, _, - and . in any mix; each used once, in any order.",
};

/** The checks a board may switch off: every one that is not an error (SPEC §3). */
const OPTIONAL_CHECKS = CATALOGUE.filter((rule) => rule.severity !== 'error');

export interface SettingsPanelProps {
  /** The last check: its settings are the ones saved, its sheets and headings are what can be set. */
  analysis: Analysis;
  /**
   * The workbook could not be read. 'sheets': `analysis` is of the settings sheet alone (the
   * board's settings, no sheets to set prefixes or headings for). 'settings': not even that,
   * so the form shows the defaults and cannot be saved (it would replace the board's settings).
   */
  notRead?: 'sheets' | 'settings';
  busy: boolean;
  /** Shown beside Save: what the pane is doing. */
  status?: React.ReactNode;
  onSave: (settings: Settings) => void;
}

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;

export function SettingsPanel({ analysis, notRead, busy, status, onSave }: SettingsPanelProps): React.JSX.Element {
  const styles = useStyles();
  const settings = analysis.settings;
  const [draft, setDraft] = React.useState<Settings>(settings);
  React.useEffect(() => setDraft(settings), [settings]);
  const { detected } = analysis;
  const themeSheets = analysis.themes.map((t) => t.name);
  const ids = React.useId();

  const nameProblem =
    draft.overviewName.trim() === '' || draft.overviewName.length > 31 || SHEET_NAME_FORBIDDEN.test(draft.overviewName)
      ? 'A sheet name needs 1 to 31 characters and none of \\ / ? * [ ] :'
      : undefined;
  const prefixProblem = (sheet: string): string | undefined => {
    const value = draft.prefixes[sheet] ?? '';
    return value.trim() === '' || /^[A-Za-z]+$/.test(value.trim()) ? undefined : 'Letters only, e.g. PE';
  };
  const showPrefixes = draft.refScheme === 'prefixed' || (draft.refScheme === 'auto' && detected.scheme === 'prefixed');
  const invalid = Boolean(nameProblem) || (showPrefixes && themeSheets.some((s) => prefixProblem(s)));

  const setReported = (code: IssueCode, reported: boolean) => {
    const off = new Set(draft.warningsOff);
    if (reported) off.delete(code);
    else off.add(code);
    // Catalogue order, so the saved list reads the same way every time.
    setDraft({ ...draft, warningsOff: OPTIONAL_CHECKS.map((r) => r.code).filter((c) => off.has(c)) });
  };

  const heading = (id: string, text: string) => (
    <h3 id={`${ids}-${id}`} className={styles.heading}>
      {text}
    </h3>
  );
  const section = (id: string) => ({ className: styles.section, 'aria-labelledby': `${ids}-${id}` });

  return (
    <form
      className={styles.form}
      aria-label="Settings"
      onSubmit={(event) => {
        event.preventDefault();
        if (invalid || busy || notRead === 'settings') return;
        const prefixes: Record<string, string> = {};
        // A prefix the form did not show (the refs are not prefixed) is kept only if it can be used.
        for (const [sheet, prefix] of Object.entries(draft.prefixes))
          if (/^[A-Za-z]+$/.test(prefix.trim())) prefixes[sheet] = prefix.trim().toUpperCase();
        onSave({ ...draft, overviewName: draft.overviewName.trim(), prefixes });
      }}
    >
      <div className={styles.fields}>
        {notRead === 'sheets' && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The board&apos;s settings, without its sheets.</MessageBarTitle>
              Proforma could not read the workbook&apos;s sheets, so prefixes and headings per sheet can be set once it
              can. The settings shown here can be changed and saved.
            </MessageBarBody>
          </MessageBar>
        )}
        {notRead === 'settings' && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>These are the default settings, not the board&apos;s.</MessageBarTitle>
              Proforma could not read the workbook or its settings, so nothing can be saved: saving would replace the
              board&apos;s settings with these.
            </MessageBarBody>
          </MessageBar>
        )}
        <UnreadSheets analysis={analysis} />

        <section {...section('statuses')}>
          {heading('statuses', 'Statuses')}
          <Field label="Status scale">
            <Select
              className={styles.select}
              root={{ className: styles.select }}
              value={draft.scale}
              onChange={(_, data) => setDraft({ ...draft, scale: data.value as ScaleName })}
            >
              {[...BUILT_IN_SCALES, ...(draft.customStatuses.length > 0 ? (['custom'] as const) : [])].map((name) => (
                <option key={name} value={name}>
                  {SCALE_LABELS[name]}
                </option>
              ))}
            </Select>
          </Field>
          <ul className={styles.preview} aria-label="Statuses of the scale">
            {scaleOf(draft).statuses.map((status) => (
              <li
                key={status.code}
                className={styles.status}
                style={{ background: status.colour, color: status.textColour }}
                title={status.meaning}
              >
                {status.code === status.name ? status.code : `${status.code} ${status.name}`}
              </li>
            ))}
          </ul>
          {draft.scale !== 'track' && draft.scale !== 'custom' && (
            <Switch
              label="W: superseded or withdrawn is on the scale"
              checked={draft.ragWithW}
              onChange={(_, data) => setDraft({ ...draft, ragWithW: data.checked })}
            />
          )}
          <Switch
            label="Drop-down lists of the statuses and terms when colouring rows"
            checked={draft.dropdowns}
            onChange={(_, data) => setDraft({ ...draft, dropdowns: data.checked })}
          />
        </section>

        <section {...section('refs')}>
          {heading('refs', 'Refs')}
          <Field label="Ref scheme" hint={SCHEME_HINTS[draft.refScheme]}>
            <Select
              className={styles.select}
              root={{ className: styles.select }}
              value={draft.refScheme}
              onChange={(_, data) => setDraft({ ...draft, refScheme: data.value as RefScheme | 'auto' })}
            >
              <option value="auto">
                {/* With nothing read, nothing was found: no scheme to name. */}
                {notRead ? 'Detect from the refs' : `Detect from the refs (found: ${detected.scheme})`}
              </option>
              {(Object.keys(SCHEME_LABELS) as RefScheme[]).map((scheme) => (
                <option key={scheme} value={scheme}>
                  {SCHEME_LABELS[scheme]}
                </option>
              ))}
            </Select>
          </Field>
          {showPrefixes &&
            themeSheets.map((sheet) => {
              const found = detected.prefixes[sheet];
              return (
                <Field
                  key={sheet}
                  label={`Ref prefix for ${sheet}`}
                  hint={
                    found
                      ? `Detected: ${found}. Leave empty to use it.`
                      : 'None detected: type the letters its refs start with, e.g. PE'
                  }
                  validationMessage={prefixProblem(sheet)}
                >
                  <Input
                    value={draft.prefixes[sheet] ?? ''}
                    placeholder={found ?? undefined}
                    onChange={(_, data) => setDraft({ ...draft, prefixes: { ...draft.prefixes, [sheet]: data.value } })}
                  />
                </Field>
              );
            })}
        </section>

        <section {...section('columns')}>
          {heading('columns', 'Columns')}
          <ColumnMapping
            analysis={analysis}
            columns={draft.columns}
            onChange={(columns) => setDraft({ ...draft, columns })}
          />
        </section>

        <section {...section('checks')}>
          {heading('checks', 'Warnings reported')}
          <Text size={200}>Untick a warning the board does not want. Errors are always reported.</Text>
          <div className={styles.checks}>
            {OPTIONAL_CHECKS.map((rule) => (
              <Checkbox
                key={rule.code}
                checked={!draft.warningsOff.includes(rule.code)}
                onChange={(_, data) => setReported(rule.code, data.checked === true)}
                label={
                  <>
                    <span className={styles.code}>{rule.code}</span>
                    {rule.severity === 'info' ? ' (note)' : ''}: {rule.description}
                  </>
                }
              />
            ))}
          </div>
        </section>

        <section {...section('overview')}>
          {heading('overview', 'Overview')}
          <Field label="Overview sheet name" validationMessage={nameProblem}>
            <Input
              value={draft.overviewName}
              onChange={(_, data) => setDraft({ ...draft, overviewName: data.value })}
            />
          </Field>
        </section>
      </div>
      <footer className={styles.footer}>
        <Button
          type="submit"
          appearance="primary"
          disabledFocusable={busy}
          disabled={invalid || notRead === 'settings'}
        >
          Save settings in the workbook
        </Button>
        {status}
      </footer>
    </form>
  );
}
