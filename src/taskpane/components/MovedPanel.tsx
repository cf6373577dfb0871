// What moved since the baseline (SPEC §8), as `compare` says it: since which
// baseline, then per theme its counts and each action that moved — a status
// better or worse, a date slipped, a lead changed, new or removed — each
// selectable (Excel goes to its row). Updates left word for word as they were
// are counted per theme, not listed (the check lists those that need one).
// "Record baseline…" asks for a label, suggesting the current quarter, and
// records the plan as it stands, replacing the baseline recorded before.
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AccordionPanel } from './AccordionPanel';
import {
  MAX_LABEL,
  changeText,
  countsText,
  movedActions,
  refText,
  sinceText,
  startOf,
  themeLabels,
  totalMovement,
  type ActionChange,
  type MovedAction,
  type Movement,
} from '../../engine';

/** Up to this many actions that moved, every theme starts open; past it, only the first with any. */
const OPEN_ALL_UP_TO = 25;
const ACTION_TEXT = 60;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  // The heading, and "Record baseline…" beside it (under it where the pane is too narrow).
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '4px 8px' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  since: { color: tokens.colorNeutralForeground2 },
  themeHeader: { display: 'flex', flexDirection: 'column', minWidth: 0, textAlign: 'left' },
  themeName: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
  },
  counts: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  mover: {
    width: '100%',
    maxWidth: 'none',
    height: 'auto',
    justifyContent: 'flex-start',
    textAlign: 'left',
    padding: '4px 6px',
    fontWeight: tokens.fontWeightRegular,
  },
  // Selected: the row Excel now shows; a bar as well as the tint, so it reads without colour.
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  removed: { display: 'block', padding: '4px 6px' },
  lines: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, width: '100%' },
  action: { overflowWrap: 'anywhere' },
  where: { fontWeight: tokens.fontWeightSemibold },
  worse: { color: tokens.colorStatusDangerForeground1 },
  better: { color: tokens.colorStatusSuccessForeground1 },
  unchanged: { padding: '2px 6px', color: tokens.colorNeutralForeground2 },
  record: { display: 'flex', flexDirection: 'column', gap: '8px' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
});

export interface MovedPanelProps {
  /** What moved, or null when the workbook has no baseline. */
  movement: Movement | null;
  /** Why the baseline recorded in the workbook could not be read, if it could not. */
  baselineProblem: string | null;
  /** The label the form starts with: the current quarter, e.g. "Q3 2026/27". */
  suggestedLabel: string;
  busy: boolean;
  /** Selects a cell of an action's row in Excel. */
  onSelect: (sheet: string, cell: string) => void;
  /** Records the plan as it stands as the baseline `label`. */
  onRecord: (label: string) => void;
}

/** What an action's changes say, each coloured by its direction (and said in words: "(worse)"). */
function ChangeLine({ change }: { change: ActionChange }): React.JSX.Element {
  const styles = useStyles();
  const tone = change.direction === 'worse' ? styles.worse : change.direction === 'better' ? styles.better : undefined;
  return <span className={tone}>{changeText(change)}</span>;
}

function moverLabel(action: MovedAction): string {
  const ref = action.ref ? `${refText(action.ref)} · ` : '';
  return `${ref}${startOf(action.text, ACTION_TEXT)}`;
}

/** The actions to list under a theme: those with a change beyond an update left as it was. */
function movers(movement: Movement): Map<string, MovedAction[]> {
  const bySheet = new Map<string, MovedAction[]>();
  for (const action of movedActions(movement)) {
    const changes = action.changes.filter((c) => c.change !== 'update-unchanged');
    if (changes.length === 0) continue;
    const list = bySheet.get(action.sheet) ?? [];
    list.push({ ...action, changes, cell: changes[0].cell });
    bySheet.set(action.sheet, list);
  }
  return bySheet;
}

/** The form that asks for the baseline's label (shown when "Record baseline…" is pressed). */
function RecordForm({
  suggestedLabel,
  busy,
  replaces,
  onRecord,
  onClose,
}: {
  suggestedLabel: string;
  busy: boolean;
  replaces: boolean;
  onRecord: (label: string) => void;
  onClose: () => void;
}): React.JSX.Element {
  const styles = useStyles();
  const [label, setLabel] = React.useState(suggestedLabel);
  const input = React.useRef<HTMLInputElement>(null);
  React.useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const blank = label.trim() === '';
  return (
    <form
      className={styles.record}
      aria-label="Record baseline"
      onSubmit={(event) => {
        event.preventDefault();
        if (blank || busy) return;
        onClose();
        onRecord(label);
      }}
    >
      <Field
        label="Label for this baseline"
        hint={`The period it records, e.g. ${suggestedLabel}.${replaces ? ' It replaces the baseline recorded before.' : ''}`}
        validationState={blank ? 'error' : 'none'}
        validationMessage={blank ? 'A baseline needs a label.' : undefined}
      >
        <Input
          ref={input}
          value={label}
          maxLength={MAX_LABEL}
          onChange={(_, data) => setLabel(data.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onClose();
          }}
        />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabledFocusable={busy || blank}>
          Record
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}

export function MovedPanel({
  movement,
  baselineProblem,
  suggestedLabel,
  busy,
  onSelect,
  onRecord,
}: MovedPanelProps): React.JSX.Element {
  const styles = useStyles();
  const ids = React.useId();
  const [selected, setSelected] = React.useState<string | null>(null);
  // The label form, open or not; once it closes, focus goes back to the button that opened it.
  const [recording, setRecording] = React.useState(false);
  const [closed, setClosed] = React.useState(false);
  const opener = React.useRef<HTMLButtonElement>(null);
  React.useEffect(() => {
    if (!recording && closed) opener.current?.focus();
  }, [recording, closed]);
  const listed = React.useMemo(() => (movement ? movers(movement) : new Map<string, MovedAction[]>()), [movement]);
  const count = [...listed.values()].reduce((n, list) => n + list.length, 0);
  const labels = movement ? themeLabels(movement.themes) : [];
  const firstWithMovers = movement?.themes.find((t) => listed.has(t.sheet))?.sheet;
  const defaultOpen = movement
    ? count <= OPEN_ALL_UP_TO
      ? movement.themes.filter((t) => listed.has(t.sheet)).map((t) => t.sheet)
      : firstWithMovers
        ? [firstWithMovers]
        : []
    : [];
  const since = movement?.since;
  return (
    <section className={styles.root} aria-labelledby={`${ids}-heading`}>
      <div className={styles.top}>
        <h2 id={`${ids}-heading`} className={styles.heading}>
          What moved{since ? ` since ${since.label}` : ''}
        </h2>
        {!recording && (
          <Button ref={opener} size="small" disabledFocusable={busy} onClick={() => setRecording(true)}>
            Record baseline…
          </Button>
        )}
      </div>
      {recording && (
        <RecordForm
          suggestedLabel={suggestedLabel}
          busy={busy}
          replaces={since?.kind === 'baseline'}
          onRecord={onRecord}
          onClose={() => {
            setClosed(true);
            setRecording(false);
          }}
        />
      )}
      {baselineProblem && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{baselineProblem}</MessageBarBody>
        </MessageBar>
      )}
      {!movement || !since ? (
        <Text size={200}>
          No baseline yet. Record one after the board meets: next quarter, this shows what moved since.
        </Text>
      ) : (
        <>
          <Text size={200} className={styles.since}>
            {since.kind === 'periods'
              ? "Each action's latest status compared with the one before it, in the plan's own period columns."
              : `Compared with ${sinceText(since)}.`}
          </Text>
          <Text>{countsText(totalMovement(movement))}.</Text>
          {movement.themes.length > 0 && (
            <Accordion multiple collapsible defaultOpenItems={defaultOpen} key={`${since.label}-${count}`}>
              {movement.themes.map((theme, index) => {
                const list = listed.get(theme.sheet) ?? [];
                const unchangedUpdates = movement.actions.filter(
                  (c) => c.sheet === theme.sheet && c.change === 'update-unchanged',
                ).length;
                return (
                  <AccordionItem key={theme.sheet} value={theme.sheet}>
                    <AccordionHeader size="small" button={{ 'aria-label': `${labels[index]}: ${countsText(theme)}` }}>
                      <span className={styles.themeHeader}>
                        <span className={styles.themeName} title={labels[index]}>
                          {labels[index]}
                        </span>
                        <Text size={200} className={styles.counts}>
                          {countsText(theme)}
                        </Text>
                      </span>
                    </AccordionHeader>
                    <AccordionPanel>
                      <ul className={styles.list} aria-label={`What moved on ${theme.sheet}`}>
                        {list.map((action) => {
                          const key = `${action.sheet}\u0000${action.cell ?? ''}\u0000${action.changes[0].change}`;
                          const lines = (
                            <span className={styles.lines}>
                              <Text size={200} className={styles.action}>
                                <span className={styles.where}>{action.removed ? 'Removed' : action.cell}</span>{' '}
                                {moverLabel(action)}
                              </Text>
                              <Text size={200}>
                                {action.changes.map((change, i) => (
                                  <React.Fragment key={change.change}>
                                    {i > 0 && '; '}
                                    <ChangeLine change={change} />
                                  </React.Fragment>
                                ))}
                              </Text>
                            </span>
                          );
                          if (action.removed || action.cell === null)
                            return (
                              <li key={key} className={styles.removed}>
                                {lines}
                              </li>
                            );
                          const cell = action.cell;
                          return (
                            <li key={key}>
                              <Button
                                appearance="subtle"
                                className={mergeClasses(styles.mover, selected === key && styles.selected)}
                                aria-current={selected === key ? 'true' : undefined}
                                aria-label={`${cell}, ${moverLabel(action)}: ${action.changes.map(changeText).join('; ')}`}
                                onClick={() => {
                                  setSelected(key);
                                  onSelect(action.sheet, cell);
                                }}
                              >
                                {lines}
                              </Button>
                            </li>
                          );
                        })}
                        {list.length === 0 && (
                          <li className={styles.unchanged}>
                            <Text size={200}>No action on this sheet moved.</Text>
                          </li>
                        )}
                        {unchangedUpdates > 0 && (
                          <li className={styles.unchanged}>
                            <Text size={200}>
                              {unchangedUpdates} progress update{unchangedUpdates === 1 ? ' is' : 's are'} word for word
                              as {unchangedUpdates === 1 ? 'it was' : 'they were'}.
                            </Text>
                          </li>
                        )}
                      </ul>
                    </AccordionPanel>
                  </AccordionItem>
                );
              })}
            </Accordion>
          )}
          {since.kind === 'periods' && (
            <Text size={200} className={styles.since}>
              A recorded baseline is used only where the plan keeps no earlier period.
            </Text>
          )}
        </>
      )}
    </section>
  );
}
