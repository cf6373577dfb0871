// The real Office.js globals behind the host's OfficeApi interface.
import type { OfficeApi } from './run';

export function officeApi(): OfficeApi {
  return {
    run: (options, batch) => Excel.run(options, batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}
