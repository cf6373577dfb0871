// Fluent's AccordionPanel, recomposed from its own hooks (Fluent v9's documented way to
// change a component: useX_unstable, useXStyles_unstable, renderX_unstable) for React 18.
// Since @fluentui/react-accordion 9.11 a closing panel sets `inert: true` so that keyboard
// focus cannot enter it; React 19 writes that boolean, React 18 drops it with a console
// error ("Received `true` for a non-boolean attribute `inert`", microsoft/fluentui#36064),
// leaving the closing panel reachable. React 18 writes the attribute from a string: "" is
// inert. Drop this file once the pane runs on React 19.
import * as React from 'react';
import {
  type AccordionPanelProps,
  renderAccordionPanel_unstable,
  useAccordionPanelStyles_unstable,
  useAccordionPanel_unstable,
} from '@fluentui/react-components';

/** React 18 takes a boolean attribute it does not know as a string: "" is on. */
const INERT_ON: unknown = React.version.startsWith('18.') ? '' : true;

export const AccordionPanel = React.forwardRef<HTMLDivElement, AccordionPanelProps>((props, ref) => {
  const state = useAccordionPanel_unstable(props, ref);
  const root = state.root as typeof state.root & { inert?: unknown };
  if (root.inert === true) root.inert = INERT_ON;
  useAccordionPanelStyles_unstable(state);
  return renderAccordionPanel_unstable(state);
});
AccordionPanel.displayName = 'AccordionPanel';
