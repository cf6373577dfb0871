// The manifest, checked locally (the online validator needs a network): well
// formed, every resid defined, every function registered, icons present at the
// size they claim, one consistent origin, and what SPEC §5 asks for.
import { readFileSync, existsSync } from 'fs';
import * as path from 'path';
import { JSDOM } from 'jsdom';
import { REBUILD_OVERVIEW, registerCommands, type CommandHost } from '../src/commands/commands';
import type { Operations } from '../src/addin/operations';

const ROOT = path.join(__dirname, '..');
const xml = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml');
const all = (name: string): Element[] => Array.from(doc.getElementsByTagName(name));
const attr = (name: string, attribute: string): string[] => all(name).map((e) => e.getAttribute(attribute) ?? '');

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A manifest URL → the file the build serves for it. */
function servedFile(url: string): string {
  const pathname = new URL(url).pathname.replace(/^\//, '');
  if (pathname.startsWith('assets/')) return path.join(ROOT, pathname);
  return path.join(ROOT, 'src', 'taskpane', pathname);
}

describe('manifest.xml', () => {
  it('is well-formed XML for an Excel task pane add-in with read/write access', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.tagName).toBe('OfficeApp');
    expect(doc.documentElement.getAttribute('xsi:type')).toBe('TaskPaneApp');
    expect(attr('Host', 'Name').filter(Boolean)).toEqual(['Workbook']);
    expect(all('Permissions')[0].textContent).toBe('ReadWriteDocument');
    expect(all('Set').map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')])).toEqual([
      ['ExcelApi', '1.9'],
      ['SharedRuntime', '1.1'],
    ]);
    expect(all('Id')[0].textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('defines every resid it uses, once', () => {
    const defined = all('bt:Image')
      .concat(all('bt:Url'), all('bt:String'))
      .map((e) => e.getAttribute('id'))
      .filter((id): id is string => Boolean(id));
    expect(new Set(defined).size).toBe(defined.length);
    const used = Array.from(doc.querySelectorAll('[resid]')).map((e) => e.getAttribute('resid') as string);
    expect(used.length).toBeGreaterThan(10);
    for (const resid of used) expect(defined).toContain(resid);
    for (const id of defined) expect(used).toContain(id);
  });

  it('puts "Check proforma" (task pane) and "Rebuild overview" (function) in Home > Action plan', () => {
    expect(all('OfficeTab')[0].getAttribute('id')).toBe('TabHome');
    const label = (resid: string | null) =>
      all('bt:String')
        .find((s) => s.getAttribute('id') === resid)
        ?.getAttribute('DefaultValue');
    const group = all('Group')[0];
    expect(label(group.getElementsByTagName('Label')[0].getAttribute('resid'))).toBe('Action plan');
    const buttons = Array.from(group.getElementsByTagName('Control')).map((c) => ({
      label: label(c.getElementsByTagName('Label')[0].getAttribute('resid')),
      action: c.getElementsByTagName('Action')[0].getAttribute('xsi:type'),
    }));
    expect(buttons).toEqual([
      { label: 'Check proforma', action: 'ShowTaskpane' },
      { label: 'Rebuild overview', action: 'ExecuteFunction' },
    ]);
  });

  it('registers every ExecuteFunction name with Office.actions.associate', () => {
    const names = all('FunctionName').map((f) => f.textContent);
    expect(names).toEqual([REBUILD_OVERVIEW]);
    const associated: string[] = [];
    const host: CommandHost = { associate: (name) => associated.push(name), showTaskpane: async () => false };
    registerCommands({} as Operations, host);
    expect(associated.sort()).toEqual([...names].sort());
  });

  it('has every icon it names, at the size it claims', () => {
    const images = all('bt:Image').filter((e) => e.getAttribute('id'));
    const claimed = new Map(
      all('bt:Image')
        .filter((e) => e.getAttribute('size'))
        .map((e) => [e.getAttribute('resid'), Number(e.getAttribute('size'))]),
    );
    for (const image of images) {
      const file = servedFile(image.getAttribute('DefaultValue') as string);
      expect(existsSync(file)).toBe(true);
      const size = claimed.get(image.getAttribute('id'));
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    expect(pngSize(servedFile(attr('IconUrl', 'DefaultValue')[0]))).toEqual({ width: 32, height: 32 });
    expect(pngSize(servedFile(attr('HighResolutionIconUrl', 'DefaultValue')[0]))).toEqual({ width: 64, height: 64 });
  });

  it('uses one https origin, listed as an app domain, for pages that exist', () => {
    const urls = [
      ...attr('bt:Url', 'DefaultValue'),
      ...attr('bt:Image', 'DefaultValue').filter(Boolean),
      ...attr('SourceLocation', 'DefaultValue').filter(Boolean),
      ...attr('IconUrl', 'DefaultValue'),
      ...attr('HighResolutionIconUrl', 'DefaultValue'),
      ...attr('SupportUrl', 'DefaultValue'),
    ];
    const origins = new Set(urls.map((u) => new URL(u).origin));
    expect([...origins]).toEqual(['https://localhost:3000']);
    expect(all('AppDomain').map((d) => d.textContent)).toEqual(['https://localhost:3000']);
    const taskpane = all('bt:Url')
      .find((u) => u.getAttribute('id') === 'Taskpane.Url')
      ?.getAttribute('DefaultValue');
    expect(attr('SourceLocation', 'DefaultValue')[0]).toBe(taskpane);
    expect(all('FunctionFile')[0].getAttribute('resid')).toBe('Taskpane.Url');
    expect(all('Runtime')[0].getAttribute('resid')).toBe('Taskpane.Url');
    // One pane in the shared runtime: the button's action names no pane of its own, so the
    // pane showAsTaskpane() opens is the same one (Office-Add-in-samples#118; office-js#5470).
    expect(all('TaskpaneId')).toEqual([]);
    for (const url of urls) expect(existsSync(servedFile(url))).toBe(true);
  });
});

describe('a board deploying its own copy (PROFORMA_URL, PROFORMA_ID)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deployedManifest } = require('../webpack.config.js') as {
    deployedManifest: (xml: string, options: { url?: string; id?: string }) => string;
  };
  const parse = (text: string): Document =>
    new new JSDOM('').window.DOMParser().parseFromString(text, 'application/xml');
  const idOf = (text: string): string | null | undefined => parse(text).getElementsByTagName('Id')[0]?.textContent;

  it('points every address at the board’s server and gives the add-in an Id of its own', () => {
    const deployed = deployedManifest(xml, { url: 'https://intranet.example.org/proforma/' });
    const ownDoc = parse(deployed);
    expect(ownDoc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(deployed).not.toContain('localhost');
    expect(ownDoc.getElementsByTagName('SourceLocation')[0].getAttribute('DefaultValue')).toBe(
      'https://intranet.example.org/proforma/taskpane.html',
    );
    expect(ownDoc.getElementsByTagName('AppDomain')[0].textContent).toBe('https://intranet.example.org');
    // Not the development Id, and the same on every build for that address; another address, another Id.
    const id = idOf(deployed);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toBe(all('Id')[0].textContent);
    expect(idOf(deployedManifest(xml, { url: 'https://intranet.example.org/proforma' }))).toBe(id);
    expect(idOf(deployedManifest(xml, { url: 'https://another.example.org/proforma' }))).not.toBe(id);
    // The development build keeps the development Id and addresses.
    expect(deployedManifest(xml, {})).toBe(xml);
  });

  it('takes the Id a board chose, and refuses one that is not a GUID or an address that is not https', () => {
    const chosen = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(idOf(deployedManifest(xml, { url: 'https://board.example', id: chosen.toUpperCase() }))).toBe(chosen);
    expect(() => deployedManifest(xml, { url: 'https://board.example', id: 'board-1' })).toThrow(
      /PROFORMA_ID must be a GUID/,
    );
    expect(() => deployedManifest(xml, { url: 'http://board.example' })).toThrow(/must be an https:\/\/ address/);
  });
});
