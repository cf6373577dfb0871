// The board's column mappings (SPEC §2.2, §2.6): per sheet, each heading of the
// header row, what Proforma reads it as now, and a choice of role that overrides
// recognition. Tables Proforma could not read are named at the top and open.
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Tooltip,
  makeStyles,
} from '@fluentui/react-components';
import { AccordionPanel } from './AccordionPanel';
import {
  ROLE_NAMES,
  ROLE_ORDER,
  headingsOf,
  mapHeading,
  type Analysis,
  type Role,
  type SheetHeadings,
} from '../../engine';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  headings: { display: 'flex', flexDirection: 'column', gap: '8px', margin: 0, padding: 0, listStyle: 'none' },
  row: { display: 'flex', gap: '6px', alignItems: 'center' },
  grow: { flexGrow: 1, minWidth: 0 },
  group: { display: 'flex', flexDirection: 'column', gap: '6px', marginTop: '8px' },
  start: { alignSelf: 'flex-start' },
  // A sheet's name and counts on one line, cut with "…" in a narrow pane; the whole text is its tooltip.
  sheetHeader: { minWidth: 0, '& > button': { minWidth: 0 } },
  sheetLabel: { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

const AS_RECOGNISED = '';

/** Role choices for a heading: as recognised (no mapping), then the roles in the SPEC's order. */
function RoleOptions(): React.JSX.Element {
  return (
    <>
      <option value={AS_RECOGNISED}>As recognised</option>
      {ROLE_ORDER.map((role) => (
        <option key={role} value={role}>
          {ROLE_NAMES[role]}
        </option>
      ))}
    </>
  );
}

const roleList = (roles: Role[]): string => {
  const names = roles.map((r) => ROLE_NAMES[r]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
};

const quoted = (text: string): string => `“${text.replace(/\s+/g, ' ')}”`;

/** The id of a sheet's group of headings, so a message can take the user there (one settings form a page). */
const groupId = (sheet: string): string => `proforma-headings-${encodeURIComponent(sheet)}`;
const headerId = (sheet: string): string => `proforma-headings-header-${encodeURIComponent(sheet)}`;

/** Opens a sheet's group of headings if the user folded it (a folded panel is not rendered), then focuses its first choice. */
function showHeadings(sheet: string): void {
  const focus = (): boolean => {
    const select = document.getElementById(groupId(sheet))?.querySelector<HTMLElement>('select');
    select?.focus();
    return Boolean(select);
  };
  if (focus()) return;
  document.getElementById(headerId(sheet))?.click();
  // The panel renders on the next frame.
  requestAnimationFrame(() => void focus());
}

export interface ColumnMappingProps {
  analysis: Analysis;
  /** The board's mappings as edited so far (header text -> role). */
  columns: Record<string, Role>;
  onChange: (columns: Record<string, Role>) => void;
}

/**
 * The sheets that need a mapping before they can be read, for the top of the
 * settings: a table not read (sheet-unrecognised) or a plan missing a column.
 */
export function UnreadSheets({ analysis }: { analysis: Analysis }): React.JSX.Element | null {
  const view = React.useMemo(() => headingsOf(analysis, analysis.settings.columns), [analysis]);
  const unread = view.sheets.filter((s) => s.kind !== 'theme');
  if (unread.length === 0) return null;
  return (
    <>
      {unread.map((s) => {
        const found = s.headings.filter((h) => h.role !== null);
        return (
          <MessageBar key={s.sheet} intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {s.kind === 'unrecognised'
                  ? `Sheet ${quoted(s.sheet)} was not read: map its headings.`
                  : `Sheet ${quoted(s.sheet)} has no ${roleList(s.missing)} column.`}
              </MessageBarTitle>
              {s.kind === 'unrecognised'
                ? found.length > 0
                  ? `Found ${found.map((h) => `${ROLE_NAMES[h.role as Role]} (${quoted(h.text)})`).join(', ')}; a plan also needs ${roleList(s.missing)}. `
                  : `None of its headings was recognised; a plan also needs ${roleList(s.missing)}. `
                : `Its header row starts at ${s.headerCell}; map the heading that holds it. `}
              Choose them under Columns below.
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => showHeadings(s.sheet)}>
                Map the headings of {quoted(s.sheet)}
              </Button>
            </MessageBarActions>
          </MessageBar>
        );
      })}
    </>
  );
}

function SheetHeadingFields({
  sheet,
  columns,
  onChange,
}: {
  sheet: SheetHeadings;
  columns: Record<string, Role>;
  onChange: (columns: Record<string, Role>) => void;
}): React.JSX.Element {
  const styles = useStyles();
  return (
    <ul className={styles.headings}>
      {sheet.headings.map((heading) => (
        <li key={heading.cell}>
          <Field
            label={`${heading.text.replace(/\s+/g, ' ')} (${heading.cell})`}
            hint={heading.role ? `Now read as ${ROLE_NAMES[heading.role]}` : 'Now not used'}
            validationState={heading.sharesMappingWith ? 'warning' : 'none'}
            validationMessage={
              heading.sharesMappingWith
                ? `${quoted(heading.sharesMappingWith)} is mapped to ${ROLE_NAMES[heading.mapped as Role]} too; the leftmost column is used.`
                : undefined
            }
          >
            <Select
              value={heading.mapped ?? AS_RECOGNISED}
              onChange={(_, data) =>
                onChange(mapHeading(columns, heading.text, data.value === AS_RECOGNISED ? null : (data.value as Role)))
              }
            >
              <RoleOptions />
            </Select>
          </Field>
        </li>
      ))}
    </ul>
  );
}

/**
 * A sheet's header in the Columns list: one line, cut with "…" in a narrow pane, the whole label
 * in a tooltip on hover and on the keyboard's focus — only where it is cut (else it says it twice).
 */
function SheetHeader({ id, label }: { id: string; label: string }): React.JSX.Element {
  const styles = useStyles();
  const text = React.useRef<HTMLSpanElement>(null);
  const [tip, setTip] = React.useState(false);
  const cut = (): boolean => Boolean(text.current && text.current.scrollWidth > text.current.clientWidth);
  return (
    <Tooltip
      content={label}
      relationship="description"
      withArrow
      visible={tip}
      onVisibleChange={(_, data) => setTip(data.visible && cut())}
    >
      <AccordionHeader className={styles.sheetHeader} button={{ id }}>
        <span ref={text} className={styles.sheetLabel}>
          {label}
        </span>
      </AccordionHeader>
    </Tooltip>
  );
}

export function ColumnMapping({ analysis, columns, onChange }: ColumnMappingProps): React.JSX.Element {
  const styles = useStyles();
  const ids = React.useId();
  const view = React.useMemo(() => headingsOf(analysis, columns), [analysis, columns]);
  // Open at first: tables not read, and sheets where the board already mapped a heading.
  const [open] = React.useState(() =>
    view.sheets.filter((s) => s.kind !== 'theme' || s.headings.some((h) => h.mapped)).map((s) => s.sheet),
  );
  const [newHeading, setNewHeading] = React.useState('');
  const [newRole, setNewRole] = React.useState<Role>('ref');
  const addable = newHeading.trim() !== '';

  return (
    <div className={styles.root}>
      <Text size={200}>
        Choose what a column holds when Proforma reads its heading wrongly, or not at all. A mapping applies to that
        heading on every sheet.
      </Text>
      {view.sheets.length > 0 && (
        <Accordion multiple collapsible defaultOpenItems={open}>
          {view.sheets.map((sheet) => {
            const label =
              sheet.kind !== 'theme'
                ? `${sheet.sheet}: not read (no ${roleList(sheet.missing)})`
                : `${sheet.sheet} (${sheet.headings.length} headings, row ${sheet.headerCell.replace(/^[A-Z]+/, '')})`;
            return (
              <AccordionItem key={sheet.sheet} value={sheet.sheet}>
                <SheetHeader id={headerId(sheet.sheet)} label={label} />
                <AccordionPanel>
                  <div id={groupId(sheet.sheet)} role="group" aria-label={`Headings of ${sheet.sheet}`}>
                    <SheetHeadingFields sheet={sheet} columns={columns} onChange={onChange} />
                  </div>
                </AccordionPanel>
              </AccordionItem>
            );
          })}
        </Accordion>
      )}
      {view.unmatched.length > 0 && (
        <div className={styles.group} role="group" aria-labelledby={`${ids}-unmatched`}>
          <Text id={`${ids}-unmatched`} weight="semibold">
            Mappings of headings not on these sheets
          </Text>
          <ul className={styles.headings}>
            {view.unmatched.map(({ text, role }) => (
              <li key={text} className={styles.row}>
                <Text className={styles.grow}>
                  {quoted(text)} → {ROLE_NAMES[role]}
                </Text>
                <Button
                  size="small"
                  aria-label={`Remove the mapping of ${quoted(text)}`}
                  onClick={() => onChange(mapHeading(columns, text, null))}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className={styles.group} role="group" aria-labelledby={`${ids}-another`}>
        <Text id={`${ids}-another`} weight="semibold">
          Map another heading
        </Text>
        <Field label="Heading, as written" hint="For a sheet whose headings are not listed above">
          <Input value={newHeading} onChange={(_, data) => setNewHeading(data.value)} />
        </Field>
        <Field label="What its column holds">
          <Select value={newRole} onChange={(_, data) => setNewRole(data.value as Role)}>
            {ROLE_ORDER.map((role) => (
              <option key={role} value={role}>
                {ROLE_NAMES[role]}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          className={styles.start}
          disabled={!addable}
          onClick={() => {
            onChange(mapHeading(columns, newHeading, newRole));
            setNewHeading('');
          }}
        >
          Add mapping
        </Button>
      </div>
    </div>
  );
}
