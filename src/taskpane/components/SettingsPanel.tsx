// Board settings (SPEC §2.6), saved in the workbook so every partner shares them.
import * as React from 'react';
import { Button, Field, Input, Select, Switch, makeStyles } from '@fluentui/react-components';
import { BUILT_IN_SCALES, scaleOf, type RefScheme, type ScaleName, type Settings } from '../../engine';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '10px' },
  preview: { display: 'flex', flexWrap: 'wrap', gap: '4px', listStyle: 'none', margin: 0, padding: 0 },
  status: { padding: '2px 6px', borderRadius: '4px' },
});

/** What each scale is, in the words of the picker. */
const SCALE_LABELS: Record<ScaleName, string> = {
  rag: 'RAG: R, A, G (and W)',
  ragb: 'RAG with Blue for complete: R, A, G, (W,) B',
  track: 'Words: Off track, At risk, On track, Complete',
  custom: "The board's own statuses (status: rows in the settings sheet)",
};

export interface SettingsPanelProps {
  settings: Settings;
  /** Theme sheet names, for a prefix per sheet. */
  themeSheets: string[];
  busy: boolean;
  onSave: (settings: Settings) => void;
}

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;

export function SettingsPanel({ settings, themeSheets, busy, onSave }: SettingsPanelProps): React.JSX.Element {
  const styles = useStyles();
  const [draft, setDraft] = React.useState<Settings>(settings);
  React.useEffect(() => setDraft(settings), [settings]);
  const nameProblem =
    draft.overviewName.trim() === '' || draft.overviewName.length > 31 || SHEET_NAME_FORBIDDEN.test(draft.overviewName)
      ? 'A sheet name needs 1 to 31 characters and none of \\ / ? * [ ] :'
      : undefined;
  const prefixProblem = (sheet: string): string | undefined => {
    const value = draft.prefixes[sheet] ?? '';
    return value === '' || /^[A-Za-z]+$/.test(value) ? undefined : 'Letters only, e.g. PE';
  };
  const invalid = Boolean(nameProblem) || themeSheets.some((s) => prefixProblem(s));
  return (
    <form
      className={styles.form}
      aria-label="Settings"
      onSubmit={(event) => {
        event.preventDefault();
        if (invalid) return;
        const prefixes: Record<string, string> = {};
        for (const [sheet, prefix] of Object.entries(draft.prefixes))
          if (prefix.trim()) prefixes[sheet] = prefix.trim().toUpperCase();
        onSave({ ...draft, overviewName: draft.overviewName.trim(), prefixes });
      }}
    >
      <Field label="Status scale">
        <Select value={draft.scale} onChange={(_, data) => setDraft({ ...draft, scale: data.value as ScaleName })}>
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
      <Field label="Ref scheme">
        <Select
          value={draft.refScheme}
          onChange={(_, data) => setDraft({ ...draft, refScheme: data.value as RefScheme })}
        >
          <option value="auto">Detect from the refs</option>
          <option value="prefixed">Prefixed per sheet (PE1, OM2)</option>
          <option value="numbered">Numbered across the workbook (1, 2, 3)</option>
        </Select>
      </Field>
      <Field label="Overview sheet name" validationMessage={nameProblem}>
        <Input value={draft.overviewName} onChange={(_, data) => setDraft({ ...draft, overviewName: data.value })} />
      </Field>
      {draft.refScheme !== 'numbered' &&
        themeSheets.map((sheet) => (
          <Field
            key={sheet}
            label={`Ref prefix for ${sheet}`}
            hint="Empty: the sheet's most common prefix"
            validationMessage={prefixProblem(sheet)}
          >
            <Input
              value={draft.prefixes[sheet] ?? ''}
              onChange={(_, data) => setDraft({ ...draft, prefixes: { ...draft.prefixes, [sheet]: data.value } })}
            />
          </Field>
        ))}
      <Button type="submit" appearance="primary" disabled={busy || invalid}>
        Save settings in the workbook
      </Button>
    </form>
  );
}
