// What the pane says when it cannot reach Excel, instead of "Loading Proforma…"
// for ever: Microsoft's Office library did not load (offline, a proxy), Office
// has not answered after a few seconds, or the page was opened on its own in a
// browser. Plain DOM, no React: it must show when nothing else of the pane can.

/** Why the pane cannot reach Excel. */
export type OfficeMissing = 'library' | 'waiting' | 'browser';

/** How long Office may take to answer before the pane says it has not (it keeps waiting all the same). */
export const OFFICE_WAIT_MS = 5000;

const HOW_TO_OPEN =
  'In Excel, choose Home > Check proforma. In Excel on the web, choose Home > Add-ins, then Proforma. ' +
  "If Proforma is not there, ask whoever looks after your board's add-ins (the README says how to add it).";

const MESSAGES: Record<OfficeMissing, { title: string; text: string }> = {
  library: {
    title: 'Proforma could not load Office',
    text:
      "Microsoft's Office library (office.js) did not load, so this pane cannot reach the workbook. " +
      'Check that this computer is online (or that your proxy lets appsforoffice.microsoft.com through), ' +
      'then close the pane and open it again.',
  },
  waiting: {
    title: 'Proforma is waiting for Excel',
    text: 'Excel has not connected to this pane yet. If this message stays, close the pane and open it again from Excel.',
  },
  browser: {
    title: 'Proforma opens inside Excel',
    text: 'This is the Proforma task pane: it works on a workbook open in Excel, not on its own in a browser.',
  },
};

/** Shows why the pane cannot reach Excel, and how to open it from Excel, in place of the pane. */
export function showOfficeMissing(container: HTMLElement, why: OfficeMissing): void {
  const { title, text } = MESSAGES[why];
  const box = document.createElement('div');
  box.setAttribute('role', why === 'waiting' ? 'status' : 'alert');
  box.dataset.officeMissing = why;
  box.style.cssText = 'padding: 12px; font-size: 14px; line-height: 20px; max-width: 40em;';
  const heading = document.createElement('h1');
  heading.style.cssText = 'font-size: 16px; line-height: 22px; margin: 0 0 8px; font-weight: 600;';
  heading.textContent = title;
  const body = document.createElement('p');
  body.style.margin = '0 0 8px';
  body.textContent = text;
  const how = document.createElement('p');
  how.style.margin = '0';
  how.textContent = HOW_TO_OPEN;
  box.append(heading, body, how);
  container.replaceChildren(box);
}
