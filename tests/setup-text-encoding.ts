// jsdom (jest-environment-jsdom 29) lacks TextDecoder/TextEncoder, which every
// browser that runs the task pane has; the .xlsx reader needs them.
import { TextDecoder, TextEncoder } from 'util';

Object.assign(globalThis, {
  TextDecoder: globalThis.TextDecoder ?? TextDecoder,
  TextEncoder: globalThis.TextEncoder ?? TextEncoder,
});
