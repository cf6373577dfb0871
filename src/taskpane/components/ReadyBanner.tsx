// "Ready to send" (no errors, overview up to date) or what still stands in the way.
import * as React from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Readiness } from '../../engine';

export function ReadyBanner({ readiness }: { readiness: Readiness }): React.JSX.Element {
  if (readiness.ready)
    return (
      <MessageBar intent="success" aria-live="polite" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Ready to send</MessageBarTitle>
          No errors, and the overview is up to date.
        </MessageBarBody>
      </MessageBar>
    );
  return (
    <MessageBar intent="warning" aria-live="polite" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Not ready to send</MessageBarTitle>
        {readiness.blockers.join(' ')}
      </MessageBarBody>
    </MessageBar>
  );
}
