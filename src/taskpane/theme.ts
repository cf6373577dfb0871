// The pane's Fluent theme from the colours Office reports (Office.context.officeTheme),
// so the pane looks like part of Excel rather than a web page inside it: Fluent's
// light or dark theme by the body colour, with Office's own colours on top.
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** The colours of Office.context.officeTheme (any may be missing on an older host). */
export interface OfficeThemeColours {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
}

/** "#1f1f1f" or "1F1F1F" as "#1F1F1F"; undefined for anything that is not a colour triplet. */
function hexColour(value: string | undefined): string | undefined {
  const match = /^#?([0-9a-f]{6})$/i.exec(value?.trim() ?? '');
  return match ? `#${match[1].toUpperCase()}` : undefined;
}

export function isDark(colour: string | undefined): boolean {
  const hex = hexColour(colour);
  if (!hex) return false;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/**
 * Fluent layers a page (colorNeutralBackground2) under its controls and cards
 * (colorNeutralBackground1), as Office layers its body under its controls: the
 * pane paints its page with Background2, so Office's body colour goes there and
 * its control colour on Background1. Text takes Office's body foreground.
 */
export function paneTheme(office: OfficeThemeColours | undefined): Theme {
  const body = hexColour(office?.bodyBackgroundColor);
  const base = isDark(body) ? webDarkTheme : webLightTheme;
  const overrides: Partial<Theme> = {};
  if (body) overrides.colorNeutralBackground2 = body;
  const control = hexColour(office?.controlBackgroundColor);
  if (control) overrides.colorNeutralBackground1 = control;
  const text = hexColour(office?.bodyForegroundColor);
  if (text) overrides.colorNeutralForeground1 = text;
  return { ...base, ...overrides };
}
