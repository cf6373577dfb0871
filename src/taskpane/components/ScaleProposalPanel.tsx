// scale-mismatch's proposal as one button (SPEC §2.5): the board's status words,
// each with the class Proforma guessed from it (or a choice where it could not
// guess), and "Use these words as the scale", which saves them as the board's own
// scale in the workbook's settings, as the Settings view saves.
import * as React from 'react';
import { Button, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import {
  STATUS_CLASSES,
  proposalSentence,
  proposeScale,
  proposedStatuses,
  type Analysis,
  type Settings,
  type StatusClass,
} from '../../engine';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    minWidth: 0,
    padding: '10px 12px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  words: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  word: { display: 'flex', alignItems: 'center', gap: '8px', minWidth: 0 },
  status: { padding: '2px 6px', borderRadius: '4px', overflowWrap: 'anywhere' },
  select: { minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px' },
});

/** Each class in the pane's words. */
const CLASS_NAMES: Record<StatusClass, string> = {
  'off-track': 'off track',
  'at-risk': 'at risk',
  'on-track': 'on track',
  complete: 'complete',
  withdrawn: 'withdrawn',
};

export interface ScaleProposalPanelProps {
  analysis: Analysis;
  busy: boolean;
  /** Saves these settings in the workbook (the settings' own path) and checks again. */
  onUse: (settings: Settings, words: string[]) => void;
}

export function ScaleProposalPanel({ analysis, busy, onUse }: ScaleProposalPanelProps): React.JSX.Element | null {
  const styles = useStyles();
  const ids = React.useId();
  const proposed = React.useMemo(() => proposeScale(analysis), [analysis]);
  const [classes, setClasses] = React.useState<Record<string, StatusClass>>({});
  React.useEffect(() => setClasses({}), [analysis]);
  if (!('proposal' in proposed)) return null;
  const { proposal } = proposed;
  const { statuses, unclassified } = proposedStatuses(proposal, classes);
  const guessed = new Map(statuses.map((s) => [s.code, s]));
  return (
    <section className={styles.root} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className={styles.heading}>
        The board&apos;s own statuses
      </h2>
      <Text size={200}>{proposalSentence(proposal, analysis.scale.name, false)}</Text>
      <ul className={styles.words} aria-label="The board's status words and what each means">
        {proposal.words.map((word) => {
          const status = guessed.get(word.code);
          return (
            <li key={word.code} className={styles.word}>
              <span
                className={styles.status}
                style={status ? { background: status.colour, color: status.textColour } : undefined}
              >
                {word.code}
              </span>
              {word.class !== null ? (
                <Text size={200}>{CLASS_NAMES[word.class]}</Text>
              ) : (
                <Field label={`What "${word.code}" means`} size="small" className={styles.select}>
                  <Select
                    size="small"
                    value={classes[word.code] ?? ''}
                    onChange={(_, data) => setClasses((was) => ({ ...was, [word.code]: data.value as StatusClass }))}
                  >
                    <option value="" disabled>
                      Choose…
                    </option>
                    {STATUS_CLASSES.map((cls) => (
                      <option key={cls} value={cls}>
                        {CLASS_NAMES[cls]}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
            </li>
          );
        })}
      </ul>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabledFocusable={busy}
          disabled={unclassified.length > 0}
          onClick={() =>
            onUse(
              { ...analysis.settings, scale: 'custom', customStatuses: statuses },
              statuses.map((s) => s.code),
            )
          }
        >
          Use these words as the scale
        </Button>
        {unclassified.length > 0 && <Text size={200}>Say what each word without a class means first.</Text>}
      </div>
    </section>
  );
}
