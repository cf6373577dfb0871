// Partner returns in the pane (SPEC §7.4): "Partner packs" lists the lead partners, one
// pack at a time opened as a new workbook; "Merge returns…" reads the files the secretary
// picks (in the pane: nothing leaves the computer), shows per file what would be merged
// and each conflict with both values and a choice, and applies the result in one write.
import * as React from 'react';
import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DocumentArrowRightRegular, FolderOpenRegular, MergeRegular } from '@fluentui/react-icons';
import {
  formatDay,
  hiddenOwnRows,
  partnersOf,
  quoteCell,
  reportValue,
  returnChangesNothing,
  type Analysis,
  type ListedCell,
  type ListedRow,
  type ReturnReport,
} from '../../engine';
import type { MergePreview, PackResult, ReturnedFile } from '../../addin/operations';

const useStyles = makeStyles({
  panel: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: '10px',
    padding: '8px 12px 16px',
    '& > *': { flexShrink: 0 },
  },
  heading: { margin: '8px 0 0', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: '4px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  partner: { display: 'flex', alignItems: 'center', gap: '8px', justifyContent: 'space-between', minWidth: 0 },
  partnerName: { minWidth: 0, overflowWrap: 'anywhere' },
  // One line, whatever the partner's name: the name wraps beside it instead.
  packButton: { flexShrink: 0, whiteSpace: 'nowrap' },
  file: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '8px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  cell: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  conflict: { display: 'flex', flexDirection: 'column', gap: '2px', overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  hiddenInput: { display: 'none' },
});

/** The day a pack was sent, as a board writes dates. */
function sentDay(iso: string): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) ? iso : formatDay(ms / 86_400_000 + 25_569);
}

const where = (c: { sheet: string; cell: string }): string => `${c.sheet} ${c.cell}`;
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Files as the pane reads them: FileReader, as the Office samples do (docs: create-workbook sample). */
function readFile(file: File): Promise<ReturnedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, bytes: new Uint8Array(reader.result as ArrayBuffer) });
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`));
    reader.readAsArrayBuffer(file);
  });
}

export interface ReturnsPanelProps {
  /** The last check: its lead partners are the ones a pack can be made for. */
  analysis: Analysis | null;
  busy: boolean;
  /** Why packs cannot be made in this Excel; null when they can. */
  packsUnavailable: string | null;
  /** The last pack made: when Excel could not open it, it is offered here to save. */
  pack: PackResult | null;
  onMakePack: (partner: string) => void;
  preview: MergePreview | null;
  /** Per conflicting cell (cellId): the return whose value to take, or 'plan' to keep the plan's. */
  choices: ReadonlyMap<string, number | 'plan'>;
  onChoose: (cell: string, choice: number | 'plan') => void;
  onPickFiles: (files: ReturnedFile[]) => void;
  /** A file that could not be read by the pane itself (FileReader failed). */
  onReadError: (message: string) => void;
  onApply: () => void;
  onClearPreview: () => void;
}

function CellLine({ cell, text }: { cell: ListedCell; text: string }): React.JSX.Element {
  const styles = useStyles();
  return (
    <li className={styles.cell}>
      <Text size={200}>
        <strong>{where(cell)}</strong> {cell.ref ? `${cell.ref} ` : ''}
        {cell.column}: {text}
      </Text>
    </li>
  );
}

function RowLine({ row, reason }: { row: ListedRow; reason: boolean }): React.JSX.Element {
  const styles = useStyles();
  return (
    <li className={styles.cell}>
      <Text size={200}>
        <strong>{where(row)}</strong> {row.ref ? `${row.ref} ` : ''}
        {quoteCell(row.action)}
        {reason ? ` — ${row.reason}` : ''}
      </Text>
    </li>
  );
}

function ReturnSection({
  report,
  index,
  choices,
  busy,
  onChoose,
}: {
  report: ReturnReport;
  index: number;
  choices: ReadonlyMap<string, number | 'plan'>;
  busy: boolean;
  onChoose: (cell: string, choice: number | 'plan') => void;
}): React.JSX.Element {
  const styles = useStyles();
  const who = report.partner
    ? `${report.partner}, sent ${report.sent ? sentDay(report.sent) : 'on a day not recorded'}`
    : 'not a pack: no record of what was sent, so a cell is taken only where the plan’s is empty';
  const id = `${React.useId()}-${index}`;
  return (
    <section className={styles.file} aria-labelledby={id}>
      <h3 id={id} className={styles.subheading}>
        {report.file}
      </h3>
      <Text size={200} className={styles.muted}>
        {who}
      </Text>
      {report.refusedWhole ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{report.refusedWhole}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {report.applied.length > 0 && (
            <>
              <Text weight="semibold">To merge: {plural(report.applied.length, 'cell')}</Text>
              <ul className={styles.list}>
                {report.applied.map((c) => (
                  <CellLine key={where(c)} cell={c} text={`${reportValue(c.plan)} → ${reportValue(c.return)}`} />
                ))}
              </ul>
            </>
          )}
          {report.alreadyThere.length > 0 && (
            <Text size={200}>Already in the plan: {plural(report.alreadyThere.length, 'cell')}</Text>
          )}
          {report.conflicts.length > 0 && (
            <>
              <Text weight="semibold">Conflicts: {plural(report.conflicts.length, 'cell')}</Text>
              <ul className={styles.list}>
                {report.conflicts.map((c) => {
                  const cellKey = `${c.sheet}!${c.cell}`;
                  const chosen = choices.get(cellKey) === index ? 'return' : 'plan';
                  return (
                    <li key={cellKey} className={styles.conflict}>
                      <Text size={200}>
                        <strong>{where(c)}</strong> {c.ref ? `${c.ref} ` : ''}
                        {c.column}
                        {c.base !== null ? ` (sent ${reportValue(c.base)})` : ''} — {c.reason}
                      </Text>
                      <RadioGroup
                        aria-label={`${where(c)}: keep the plan’s value or take this return’s`}
                        value={chosen}
                        disabled={busy}
                        onChange={(_event, data) => onChoose(cellKey, data.value === 'return' ? index : 'plan')}
                      >
                        <Radio value="plan" label={`Keep the plan’s: ${reportValue(c.plan)}`} />
                        <Radio value="return" label={`Take the return’s: ${reportValue(c.return)}`} />
                      </RadioGroup>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {report.refused.length > 0 && (
            <>
              <Text weight="semibold">Not merged: {plural(report.refused.length, 'cell')}</Text>
              <ul className={styles.list}>
                {report.refused.map((c) => (
                  <CellLine
                    key={where(c)}
                    cell={c}
                    text={`${reportValue(c.base ?? c.plan)} → ${reportValue(c.return)} — ${c.reason}`}
                  />
                ))}
              </ul>
            </>
          )}
          {report.unmatched.length > 0 && (
            <>
              <Text weight="semibold">Rows not matched: {report.unmatched.length}</Text>
              <ul className={styles.list}>
                {report.unmatched.map((r) => (
                  <RowLine key={`${where(r)}${r.action}`} row={r} reason />
                ))}
              </ul>
            </>
          )}
          {report.newRows.length > 0 && (
            <>
              <Text weight="semibold">
                Rows the return adds (not added; copy them in by hand): {report.newRows.length}
              </Text>
              <ul className={styles.list}>
                {report.newRows.map((r) => (
                  <RowLine key={`${where(r)}${r.action}`} row={r} reason={false} />
                ))}
              </ul>
            </>
          )}
          {report.identityChanged.length > 0 && (
            <>
              <Text weight="semibold">
                Rows changed in the plan since the pack was sent: {report.identityChanged.length}
              </Text>
              <ul className={styles.list}>
                {report.identityChanged.map((r) => (
                  <RowLine key={`${where(r)}${r.action}`} row={r} reason />
                ))}
              </ul>
            </>
          )}
          {returnChangesNothing(report) && <Text size={200}>No changes.</Text>}
        </>
      )}
    </section>
  );
}

/** A pack Excel could not open, offered as a file to save (a link to its bytes). */
function SavePack({ pack }: { pack: PackResult }): React.JSX.Element {
  const [url, setUrl] = React.useState<string | null>(null);
  React.useEffect(() => {
    const made = URL.createObjectURL(
      new Blob([pack.bytes as Uint8Array<ArrayBuffer>], {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
    );
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [pack]);
  return url ? (
    <Link href={url} download={pack.fileName}>
      Save “{pack.fileName}”
    </Link>
  ) : (
    <></>
  );
}

export function ReturnsPanel({
  analysis,
  busy,
  packsUnavailable,
  pack,
  onMakePack,
  preview,
  choices,
  onChoose,
  onPickFiles,
  onReadError,
  onApply,
  onClearPreview,
}: ReturnsPanelProps): React.JSX.Element {
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const { partners, noLead } = React.useMemo(
    () => (analysis ? partnersOf(analysis) : { partners: [], noLead: [] }),
    [analysis],
  );
  const toWrite = preview
    ? preview.result.plan.edits.length + [...choices.values()].filter((c) => c !== 'plan').length
    : 0;
  const pick = (files: FileList | null): void => {
    if (!files || files.length === 0) return;
    Promise.all([...files].map(readFile)).then(onPickFiles, (error: Error) => onReadError(error.message));
  };
  return (
    <main className={styles.panel} aria-label="Partner returns">
      <h2 className={styles.heading}>Partner packs</h2>
      <Text>
        A pack is this workbook for one lead partner: their own rows to update, the others hidden, and a record of what
        was sent, so their return can be merged. It opens as a new workbook for you to save and send.
      </Text>
      {packsUnavailable ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{packsUnavailable}</MessageBarBody>
        </MessageBar>
      ) : partners.length === 0 ? (
        <Text>
          {analysis
            ? 'No action row names a lead partner (the Lead column), so there is no one to make a pack for.'
            : 'Once the workbook has been checked, its lead partners are listed here.'}
        </Text>
      ) : (
        <ul className={styles.list} aria-label="Lead partners">
          {partners.map((partner) => {
            const hidden = analysis ? hiddenOwnRows(analysis, partner).length : 0;
            return (
              <li key={partner.key} className={styles.partner}>
                <Text className={styles.partnerName}>
                  {partner.name}{' '}
                  <span className={styles.muted}>
                    {plural(partner.rows.length, 'action row')}
                    {hidden > 0 ? ` (${hidden} hidden in the plan)` : ''}
                  </span>
                </Text>
                <Button
                  className={styles.packButton}
                  size="small"
                  icon={<DocumentArrowRightRegular />}
                  aria-label={`Make the pack for ${partner.name}`}
                  disabled={busy}
                  onClick={() => onMakePack(partner.name)}
                >
                  Make pack
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {noLead.length > 0 && !packsUnavailable && (
        <Text size={200}>
          {noLead.length === 1 ? '1 action row has' : `${noLead.length} action rows have`} no lead, so{' '}
          {noLead.length === 1 ? 'it goes' : 'they go'} in no pack: {noLead.map(where).join(', ')}.
        </Text>
      )}
      {pack && !pack.opened && <SavePack pack={pack} />}

      <h2 className={styles.heading}>Merge returns</h2>
      <Text>
        Pick the files the partners sent back. Proforma reads them here, on this computer, and shows what each would
        change before anything is written.
      </Text>
      <input
        ref={input}
        className={styles.hiddenInput}
        type="file"
        accept=".xlsx,.xlsm"
        multiple
        aria-label="Returned files"
        onChange={(event) => {
          pick(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
      <div className={styles.actions}>
        <Button icon={<FolderOpenRegular />} disabled={busy} onClick={() => input.current?.click()}>
          {preview ? 'Choose other files…' : 'Choose returned files…'}
        </Button>
        {preview && (
          <Button appearance="subtle" disabled={busy} onClick={onClearPreview}>
            Clear
          </Button>
        )}
      </div>
      {preview && (
        <>
          {preview.unreadable.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                {preview.unreadable.map((u) => `${u.name}: ${u.problem}.`).join(' ')}{' '}
                {preview.unreadable.length === 1 ? 'It is' : 'They are'} left out.
              </MessageBarBody>
            </MessageBar>
          )}
          {preview.result.returns.map((report, index) => (
            <ReturnSection
              key={`${report.file}-${index}`}
              report={report}
              index={index}
              choices={choices}
              busy={busy}
              onChoose={onChoose}
            />
          ))}
          <div className={styles.actions}>
            <Button appearance="primary" icon={<MergeRegular />} disabled={busy || toWrite === 0} onClick={onApply}>
              {toWrite === 0 ? 'Nothing to merge' : `Merge ${plural(toWrite, 'cell')}`}
            </Button>
          </div>
        </>
      )}
    </main>
  );
}
