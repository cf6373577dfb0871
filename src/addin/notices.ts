// Messages from the ribbon to the task pane. In a shared runtime both live in
// one page and the pane hears at once; otherwise the pane finds the message in
// local storage (same origin) the next time it opens.
/** A message for the task pane's message bar. */
export interface Notice {
  /** warning: done, but not all as hoped (e.g. a rebuild that left rows out of the overview's columns). */
  intent: 'success' | 'warning' | 'error' | 'info';
  text: string;
}

const STORAGE_KEY = 'proforma.notice';
type Listener = (notice: Notice) => void;
const listeners = new Set<Listener>();

export function publishNotice(notice: Notice, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(notice));
  } catch {
    // Storage can be disabled (private mode); the live listeners still hear it.
  }
  for (const listener of listeners) listener(notice);
}

/** Takes a stored notice (once) and listens for new ones. */
export function subscribeNotices(
  listener: Listener,
  storage: Storage | undefined = globalThis.localStorage,
): () => void {
  listeners.add(listener);
  let stored: string | null | undefined;
  try {
    stored = storage?.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled; there is then nothing stored to show.
  }
  if (stored) {
    let notice: Notice | undefined;
    try {
      notice = JSON.parse(stored) as Notice;
    } catch {
      clearStoredNotice(storage); // unreadable (another version wrote it): drop it rather than fail every time
    }
    if (notice) listener(notice);
  }
  return () => listeners.delete(listener);
}

export function clearStoredNotice(storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to clear.
  }
}
